/**
 * The keys an import has seen, with the line each was first seen on, held compactly outside the
 * JavaScript heap: the key bytes in one growing buffer and an open-addressing table in typed arrays
 * (about 20 bytes a key plus the key itself, against about 65 in a Map of strings). A Map's strings
 * also count towards the heap that V8 lets grow to several times its live size between collections,
 * so that peak memory rose with the file; this way it barely moves.
 */
export class SeenKeys {
  private bytes = Buffer.allocUnsafe(1 << 16);
  private used = 0;
  private count = 0;
  // Per entry: where its key starts and ends in `bytes`, its hash, and its first line.
  private starts = new Uint32Array(1024);
  private ends = new Uint32Array(1024);
  private hashes = new Uint32Array(1024);
  private lines = new Int32Array(1024);
  /** Open-addressing table of entry number + 1 (0 = empty), never more than half full. */
  private slots = new Int32Array(2048);

  /** The line `key` was first seen on; or undefined, after remembering it as first seen on `line`. */
  firstLineOrAdd(key: string, line: number): number | undefined {
    this.reserve(key.length * 3);
    const start = this.used;
    const end = start + this.bytes.write(key, start, "utf8");
    const hash = fnv1a(this.bytes, start, end);
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (let entry = this.slots[slot] ?? 0; entry !== 0; entry = this.slots[slot] ?? 0) {
      const i = entry - 1;
      if (this.hashes[i] === hash && this.sameKey(i, start, end)) return this.lines[i];
      slot = (slot + 1) & mask;
    }
    this.growEntries();
    const i = this.count++;
    this.starts[i] = start;
    this.ends[i] = end;
    this.hashes[i] = hash;
    this.lines[i] = line;
    this.slots[slot] = i + 1;
    this.used = end;
    if (this.count * 2 > this.slots.length) this.rehash();
    return undefined;
  }

  private sameKey(i: number, start: number, end: number): boolean {
    const s = this.starts[i] ?? 0;
    const e = this.ends[i] ?? 0;
    return e - s === end - start && this.bytes.compare(this.bytes, start, end, s, e) === 0;
  }

  private reserve(extra: number): void {
    if (this.used + extra <= this.bytes.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + extra));
    this.bytes.copy(bigger, 0, 0, this.used);
    this.bytes = bigger;
  }

  private growEntries(): void {
    if (this.count < this.starts.length) return;
    const size = this.starts.length * 2;
    this.starts = grown(this.starts, new Uint32Array(size));
    this.ends = grown(this.ends, new Uint32Array(size));
    this.hashes = grown(this.hashes, new Uint32Array(size));
    this.lines = grown(this.lines, new Int32Array(size));
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let i = 0; i < this.count; i++) {
      let slot = (this.hashes[i] ?? 0) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = i + 1;
    }
    this.slots = slots;
  }
}

function grown<T extends Uint32Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** 32-bit FNV-1a of bytes[start, end). */
function fnv1a(bytes: Buffer, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    hash ^= bytes[i] ?? 0;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
