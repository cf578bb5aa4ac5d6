/**
 * The JSON-RPC message of an MCP HTTP answer: the JSON body, or the last `data:` line of an SSE
 * body (a 2025-era stateless answer is a one-message event stream; a 2026 one streams when the call
 * sent progress first).
 */
export async function readJsonRpc(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!response.headers.get('content-type')?.startsWith('text/event-stream')) return JSON.parse(text);
  const data = text
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .at(-1);
  if (data === undefined) throw new Error(`No message in the event stream: ${text.slice(0, 200)}`);
  return JSON.parse(data.slice('data: '.length));
}
