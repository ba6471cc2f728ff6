/**
 * A CSV download's text, after checking that it starts with the UTF-8 byte-order mark (which
 * Response.text() would drop without a word) and that every byte after it is valid UTF-8.
 */
export async function csvText(res: Response): Promise<string> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes[0] !== 0xef || bytes[1] !== 0xbb || bytes[2] !== 0xbf)
    throw new Error("the CSV does not start with a UTF-8 byte-order mark");
  return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes.subarray(3));
}
