/** Node's zlib as the patched write's deflater: native, about half the time of fflate's JavaScript deflate. */
import { once } from 'node:events';
import { createDeflateRaw } from 'node:zlib';
import { nodeCrc32 } from './zip-guard';
import type { PartDeflater } from './zip-rewrite';

export const NODE_DEFLATER: PartDeflater = {
  start(onData) {
    const deflate = createDeflateRaw({ level: 6 });
    deflate.on('data', onData);
    const ended = once(deflate, 'end');
    return {
      write: (chunk) => void deflate.write(chunk),
      end: async () => {
        deflate.end();
        await ended;
      },
      destroy: () => void deflate.destroy(),
    };
  },
  crc32: nodeCrc32,
};
