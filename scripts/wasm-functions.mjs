// Reads a wasm module's functions: how many are imported, the size of each
// body, and their names when the module keeps a name section. Used by
// lazy-compile-probe.mjs and wasm-breakdown.mjs.
/** The number of imported functions, the size of each function body and,
 *  when the wasm keeps a name section, each function's name by index. */
export function functionSizes(bytes) {
  let i = 8;
  const leb = () => {
    let result = 0, shift = 0, byte;
    do {
      byte = bytes[i++];
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  };
  let imported = 0;
  const bodySizes = [];
  const names = new Map();
  while (i < bytes.length) {
    const id = bytes[i++];
    const length = leb();
    const end = i + length;
    if (id === 2) {
      for (let n = leb(); n > 0; n--) {
        skip(leb()); // module name
        skip(leb()); // field name
        const kind = bytes[i++];
        if (kind === 0) { leb(); imported++; } // function: type index
        else if (kind === 1) { i++; limits(); } // table: ref type, limits
        else if (kind === 2) limits(); // memory
        else if (kind === 3) i += 2; // global: type, mutability
        else if (kind === 4) { i++; leb(); } // tag
      }
    } else if (id === 10) {
      for (let n = leb(); n > 0; n--) {
        const body = leb();
        bodySizes.push(body);
        i += body;
      }
    } else if (id === 0 && text() === "name") {
      while (i < end) {
        const sub = bytes[i++];
        const subEnd = leb();
        const next = i + subEnd;
        if (sub === 1) for (let n = leb(); n > 0; n--) names.set(leb(), text());
        i = next;
      }
    }
    i = end;
  }
  return { imported, bodySizes, names };

  function text() {
    const length = leb();
    const value = new TextDecoder().decode(bytes.subarray(i, i + length));
    i += length;
    return value;
  }

  // Not `i += leb()`: that would add to `i` as it was before leb() moved it.
  function skip(n) {
    i += n;
  }

  function limits() {
    const flags = leb();
    leb();
    if (flags & 1) leb();
  }
}
