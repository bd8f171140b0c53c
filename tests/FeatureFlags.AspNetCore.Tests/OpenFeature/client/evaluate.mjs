// Run by OpenFeatureClientTests: a real OpenFeature client (server SDK + OFREP provider) against the web sample.
// Input: FF_BASE_URL, FF_SERVICE_HEADERS (JSON), FF_CASES (JSON). Output: one JSON document on stdout.
import { OFREPApi } from '@openfeature/ofrep-core';

const cases = JSON.parse(process.env.FF_CASES ?? '{}');

// README example begin
import { OpenFeature } from '@openfeature/server-sdk';
import { OFREPProvider } from '@openfeature/ofrep-provider';

// A Node service evaluates toggles for its users through the app's trusted OFREP mapping (role toggle-service).
const baseUrl = `${process.env.FF_BASE_URL}/internal`;
const serviceCredentials = JSON.parse(process.env.FF_SERVICE_HEADERS);   // e.g. { Authorization: 'Bearer …' }
await OpenFeature.setProviderAndWait(new OFREPProvider({ baseUrl, headers: serviceCredentials }));
const toggles = OpenFeature.getClient();
const checkout = await toggles.getBooleanDetails('storefront.new_checkout', false, { targetingKey: 'ada', groups: ['beta'] });
console.error(`new checkout for ada: ${checkout.value} (${checkout.reason}: ${checkout.flagMetadata.detail})`);
// README example end

const results = { single: [], bulk: [] };
for (const c of cases.single ?? []) {
  const details = await toggles.getBooleanDetails(c.key, c.defaultValue ?? false, c.context ?? {});
  results.single.push({
    name: c.name,
    key: details.flagKey,
    value: details.value,
    reason: details.reason ?? null,
    variant: details.variant ?? null,
    errorCode: details.errorCode ?? null,
    metadataReason: details.flagMetadata?.reason ?? null,
    detail: details.flagMetadata?.detail ?? null,
  });
}

// The bulk form, through the OFREP API client the browser providers use, then revalidated with its ETag.
const api = new OFREPApi(baseUrl);
for (const c of cases.bulk ?? []) {
  const first = await api.postBulkEvaluateFlags({ context: c.context ?? {} }, { headers: serviceCredentials });
  const etag = first.httpResponse.headers.get('ETag');
  const again = await api.postBulkEvaluateFlags({ context: c.context ?? {} }, { headers: { ...serviceCredentials, 'If-None-Match': etag } });
  results.bulk.push({
    name: c.name,
    status: first.httpStatus,
    etag,
    revalidatedStatus: again.httpStatus,
    flags: first.value.flags.map(f => ({ key: f.key, value: f.value, reason: f.reason, variant: f.variant, metadataReason: f.metadata?.reason ?? null })),
  });
}

await OpenFeature.close();
console.log(JSON.stringify(results));
