// IEEE 754 binary16 → binary32, for the f16 tensors in ggml model files. JavaScript has no Float16Array
// in Node 20, so the bits are decoded by hand.

const EXPONENT_MASK = 0x1f;
const MANTISSA_BITS = 10;
const MANTISSA_SCALE = 1 / 1024;
const EXPONENT_BIAS = 15;
/** 2^-14, the scale of subnormal halves (exponent field 0). */
const SUBNORMAL_SCALE = 2 ** -14;

/** Decodes one half-precision value given as its 16 raw bits. */
export function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> MANTISSA_BITS) & EXPONENT_MASK;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * MANTISSA_SCALE * SUBNORMAL_SCALE;
  if (exponent === EXPONENT_MASK) return mantissa === 0 ? sign * Infinity : NaN;
  return sign * (1 + mantissa * MANTISSA_SCALE) * 2 ** (exponent - EXPONENT_BIAS);
}

/** Decodes `count` little-endian halves starting at `byteOffset` of `bytes`. */
export function decodeHalfArray(bytes: Uint8Array, byteOffset: number, count: number): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset + byteOffset, count * 2);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = halfToFloat(view.getUint16(i * 2, true));
  return out;
}
