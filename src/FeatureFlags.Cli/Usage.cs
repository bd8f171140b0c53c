namespace FeatureFlags.Cli;

/// <summary>The text of <c>toggles --help</c>.</summary>
internal static class Usage
{
    public const string Text = """
        toggles: manage FeatureFlags toggles in a SQLite or PostgreSQL store.

        Usage: toggles <command> [arguments] [options]

        Commands that read (the store is opened read-only and never created):
          list [--namespace NS] [--type TYPE] [--status on|off|both]   List toggles (declared and stored)
          show NAME [--json]                                           Settings, metadata, who requires it, findings and recent changes
          history NAME [--limit N] [--before VERSION]                  The audit, newest first, N rows a page (default 100,
                                                                       at most 1000); prints the --before of the next page
          report [--format json|csv|md]                                The toggle report
          lint [--fail-on error|warning|info]                          Toggle debt; exit 1 at or above the level (default error)
          export FILE                                                  Write all stored state to a JSON file

        Commands that write (an existing store and a known toggle, unless --create):
          switch NAME on|off [--from T] [--until T]                    Turn a switch on or off (from/until T: see below)
          flag NAME [--everyone on|off|unset] [--percent N]            Change a flag's rules (N like 12.5, '.' as decimal point)
               [--add-user U] [--remove-user U] [--add-group G] [--remove-group G]
               [--staff on|off] [--superusers on|off] [--authenticated on|off]
               [--languages a,b] [--testing on|off]
               [--rule NAME=JSON] [--remove-rule NAME]                 Set or remove a custom rule (checked by the app)
               [--match-nobody]                                        Keep rules that match nobody (refused otherwise)
               [--from T] [--until T] | [--always]                     Replace the stored schedule, or remove it (kept otherwise)
          override course|org|site NAME KEY on|off|clear               Set or clear an override
                   [--from T] [--until T]
          group NAME on|off|unset [--from T] [--until T]               Switch a release group for every member, or unset it
          require NAME [--on OTHER]... [--off OTHER]... | --none       Set (or clear) the toggles NAME requires on or off
                                                                       (needs --assembly; cycles are refused)
          revert NAME --to VERSION                                     Restore the state after an audited version, as a new change
          delete NAME [--force]                                        Delete stored state (refused while declared in --assembly,
                                                                       or while other toggles require it)
          import FILE [--dry-run] [--delete-missing]                   Apply an export, all or nothing

        Without a store:
          manifest --typescript FILE                                   Toggle names as TypeScript constants (needs --assembly)

        Options:
          --sqlite PATH          SQLite file (or TOGGLES_SQLITE)
          --postgres CONN        PostgreSQL connection string (or TOGGLES_POSTGRES)
          --assembly PATH        Read declared toggles from an application assembly (repeatable); writes then
                                 accept declared names only
          --create               Write even if the toggle is neither declared nor stored, and create a missing
                                 SQLite file or toggle schema
          --expect-version N     switch, flag, override, group, require, revert, delete: write only if the stored version is still N
                                 (0: nothing stored); otherwise exit 1 and nothing is written
          --from T, --until T    switch, flag, override, group: the value applies from T (inclusive) until T (exclusive);
                                 T is ISO 8601 with Z or an offset (2026-12-07T09:00:00Z, 2026-12-07T10:00+01:00),
                                 stored in UTC; a local time without an offset is refused. Without them a switch,
                                 override or group value applies always
          --actor NAME           Who makes the change, for the audit (default: the OS user)
          --roles a,b            The actor's roles, for toggles that declare editor roles
          --reason TEXT          Why, for the audit
          --json                 Machine-readable output
          --verbose              Stack traces on errors
          --help                 This text
          --version              The tool's version

        Exit codes (HTTP status of the admin API in brackets):
          0  ok
          1  refused, nothing written: lint findings, missing editor role (403), stale --expect-version or
             concurrent change (409/412), delete of a declared or required toggle, a prerequisite cycle, a revert
             across a change of kind, manifest name collision (409)
          2  usage or bad input, nothing written: unknown command, option, toggle or version (404), malformed value or
             import entry (400), too large (413), a file of the tool's own that cannot be read or written
          3  store unavailable, nothing written: missing SQLite file or toggle schema, unreachable (503)
          4  unexpected failure (500)
        """;
}
