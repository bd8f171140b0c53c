using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FeatureFlags.TestUtilities;

/// <summary>
/// A throwaway PostgreSQL server for tests: initdb into a temporary folder, a free port on 127.0.0.1, trust auth,
/// started and stopped with pg_ctl. PostgreSQL refuses to run as root, so as root the server runs as the
/// <c>postgres</c> system user (Debian's package creates it).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static int s_databases;

    private readonly TempFolder _data;
    private readonly string _dataDirectory;
    private readonly string _binDirectory;
    private readonly int _maxConnections;

    private PostgresServer(TempFolder data, string binDirectory, int port, int maxConnections)
    {
        _data = data;
        _dataDirectory = data.FullName;
        _binDirectory = binDirectory;
        _maxConnections = maxConnections;
        Port = port;
    }

    public int Port { get; }

    public string AdminConnectionString => ConnectionStringFor("postgres");

    /// <summary>
    /// Starts a new server, or explains why it cannot. In CI (<see cref="TestEnvironment.IsCi"/>) a server that cannot
    /// start fails the calling fixture; elsewhere it is ignored with the reason, so a developer without PostgreSQL can
    /// still run the rest.
    /// </summary>
    public static async Task<PostgresServer> StartOrIgnoreAsync()
    {
        try
        {
            return await StartAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            TestEnvironment.MissingPrerequisite($"PostgreSQL test server could not start: {ex.Message}");
            throw;
        }
    }

    /// <param name="maxConnections">The server's max_connections; scale runs with many instances need more than the default.</param>
    public static async Task<PostgresServer> StartAsync(int maxConnections = 200)
    {
        var bin = FindBinDirectory() ?? throw new InvalidOperationException("initdb and pg_ctl were not found on PATH or under /usr/lib/postgresql.");
        var data = new TempFolder("ff-pg-");
        if (IsRoot())
        {
            await RunAsync("chown", ["postgres:postgres", data.FullName]);
        }

        var server = new PostgresServer(data, bin, FreePort(), maxConnections);
        await server.RunPgAsync("initdb", ["-D", data.FullName, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
        await server.StartAgainAsync();
        return server;
    }

    public string ConnectionStringFor(string database, int? port = null)
        => $"Host=127.0.0.1;Port={port ?? Port};Username=postgres;Database={database};Timeout=3;Command Timeout=15;Include Error Detail=true";

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "ff")
    {
        var name = $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref s_databases)}";
        await RunPgAsync("psql", ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", $"CREATE DATABASE {name}"]);
        return ConnectionStringFor(name);
    }

    public Task StopAsync() => RunPgAsync("pg_ctl", ["-D", _dataDirectory, "-m", "fast", "-w", "-t", "60", "stop"]);

    public Task StartAgainAsync() => RunPgAsync("pg_ctl",
    [
        "-D", _dataDirectory, "-l", Path.Combine(_dataDirectory, "server.log"), "-w", "-t", "60",
        "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={_dataDirectory} -c fsync=off -c max_connections={_maxConnections}",
        "start",
    ]);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        _data.Dispose();
    }

    private static bool IsRoot() => Environment.UserName == "root";

    private static string? FindBinDirectory()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")));
        }

        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task RunPgAsync(string tool, string[] arguments)
    {
        var path = tool == "psql" && !File.Exists(Path.Combine(_binDirectory, "psql")) ? "psql" : Path.Combine(_binDirectory, tool);
        return IsRoot()
            ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments])
            : RunAsync(path, arguments);
    }

    private static async Task RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }
}
