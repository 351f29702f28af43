// The pages read the contracts from the API's own OpenAPI document rather than carrying copies of them.

/** The host's OpenAPI document (/openapi/v1.json), parsed. */
export async function openApiDocument() {
  const response = await fetch("/openapi/v1.json");
  if (!response.ok) throw new Error(`/openapi/v1.json answered ${response.status}`);
  return response.json();
}
