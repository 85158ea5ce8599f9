/** gzip through the runtime's own zlib (CompressionStream), for feeds kept compressed once built. */

/** The bytes gzip-compressed (the runtime's zlib, through CompressionStream). */
export async function gzip(body: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const compressed = new Blob([body]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(compressed).arrayBuffer());
}

/** A gzip body decompressed, as a stream (nothing is held whole). */
export function gunzip(body: Uint8Array<ArrayBuffer> | ReadableStream): ReadableStream<Uint8Array> {
  const stream = body instanceof ReadableStream ? body : new Blob([body]).stream();
  return stream.pipeThrough(new DecompressionStream('gzip'));
}
