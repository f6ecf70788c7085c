// A model as bytes, for a database column or a file:
//   "RDSALARY" | u32 LE metadata length | metadata JSON (UTF-8) | zero padding to 4 bytes | weights
// Weights are little-endian float32, dense, or as (u32 index, f32 value) pairs when fewer than half
// the buckets are non-zero (a model trained on a few thousand ads touches a small part of 2^20).
import { MODEL_FORMAT_VERSION, type SalaryModel } from "./model";

const MAGIC = Buffer.from("RDSALARY", "ascii");
const MAX_HASH_BITS = 24;
// Float32Array uses the machine's byte order; the format is little-endian (as nearly every machine is).
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

type Metadata = Omit<SalaryModel, "weights"> & { weightEncoding: "dense" | "sparse"; nonZero: number };

export function serialiseModel(model: SalaryModel): Buffer {
  const size = model.weights.length;
  if (size !== 1 << model.features.hashBits) throw new Error(`model has ${size} weights but hashBits ${model.features.hashBits}`);
  for (const [k, v] of Object.entries(model.measured)) if (!Number.isFinite(v)) throw new Error(`measured.${k} is not a finite number`);
  if (!Number.isFinite(model.bias) || !Number.isFinite(model.interval.logHalfWidth)) throw new Error("bias and interval must be finite");

  let nonZero = 0;
  for (let i = 0; i < size; i++) if (model.weights[i] !== 0) nonZero++;
  const sparse = nonZero * 2 < size;
  const { weights: _weights, ...rest } = model;
  const meta: Metadata = { ...rest, weightEncoding: sparse ? "sparse" : "dense", nonZero };
  const json = Buffer.from(JSON.stringify(meta), "utf8");
  const headerBytes = align4(MAGIC.length + 4 + json.length);
  const bodyBytes = sparse ? nonZero * 8 : size * 4;
  const out = Buffer.alloc(headerBytes + bodyBytes);
  MAGIC.copy(out, 0);
  out.writeUInt32LE(json.length, MAGIC.length);
  json.copy(out, MAGIC.length + 4);

  let at = headerBytes;
  if (sparse) {
    for (let i = 0; i < size; i++) if (model.weights[i] !== 0) at = out.writeUInt32LE(i, at);
    for (let i = 0; i < size; i++) if (model.weights[i] !== 0) at = out.writeFloatLE(model.weights[i], at);
  } else if (LITTLE_ENDIAN) {
    out.set(new Uint8Array(model.weights.buffer, model.weights.byteOffset, size * 4), at);
  } else {
    for (let i = 0; i < size; i++) at = out.writeFloatLE(model.weights[i], at);
  }
  return out;
}

export function deserialiseModel(bytes: Uint8Array): SalaryModel {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < MAGIC.length + 4 || !buf.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error("not a salary model (no RDSALARY header)");
  const jsonLength = buf.readUInt32LE(MAGIC.length);
  const headerBytes = align4(MAGIC.length + 4 + jsonLength);
  if (headerBytes > buf.length) throw new Error("salary model is truncated (metadata)");
  let meta: Metadata;
  try {
    meta = JSON.parse(buf.toString("utf8", MAGIC.length + 4, MAGIC.length + 4 + jsonLength));
  } catch {
    throw new Error("salary model metadata is not valid JSON");
  }
  if (meta.formatVersion !== MODEL_FORMAT_VERSION) throw new Error(`salary model format ${meta.formatVersion} is not supported (expected ${MODEL_FORMAT_VERSION})`);
  const bits = meta.features?.hashBits;
  if (!Number.isInteger(bits) || bits < 8 || bits > MAX_HASH_BITS) throw new Error(`salary model has an invalid hash size (${bits} bits)`);
  const size = 1 << bits;
  const { weightEncoding, nonZero, ...model } = meta;
  const weights = new Float32Array(size);
  let at = headerBytes;
  if (weightEncoding === "sparse") {
    if (!(Number.isInteger(nonZero) && nonZero >= 0 && nonZero <= size) || buf.length !== headerBytes + nonZero * 8)
      throw new Error("salary model is truncated or has extra bytes (weights)");
    const values = headerBytes + nonZero * 4;
    for (let k = 0; k < nonZero; k++) {
      const i = buf.readUInt32LE(at + 4 * k);
      if (i >= size) throw new Error(`salary model weight index ${i} is outside its ${size} buckets`);
      weights[i] = buf.readFloatLE(values + 4 * k);
    }
  } else if (weightEncoding === "dense") {
    if (buf.length !== headerBytes + size * 4) throw new Error("salary model is truncated or has extra bytes (weights)");
    // Copied, not viewed: the buffer may be unaligned or reused by its owner.
    if (LITTLE_ENDIAN) new Uint8Array(weights.buffer).set(buf.subarray(at, at + size * 4));
    else for (let i = 0; i < size; i++, at += 4) weights[i] = buf.readFloatLE(at);
  } else throw new Error(`salary model has an unknown weight encoding "${weightEncoding}"`);
  return { ...model, weights };
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
