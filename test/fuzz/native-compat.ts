/**
 * Loads jazzer.js's prebuilt libFuzzer addon on an older glibc.
 *
 * @jazzer.js/fuzzer 4 ships only prebuilt binaries (no C++ sources), built
 * against glibc 2.38 and libstdc++ 13. On Debian 12 (glibc 2.36, libstdc++
 * 12) `dlopen` refuses them for three symbol references alone:
 *
 * - `__isoc23_strtol` / `__isoc23_strtoul` (GLIBC_2.38): glibc 2.38's C23
 *   spellings of strtol/strtoul, which differ only in also accepting a
 *   `0b` prefix; libFuzzer uses them to read its own `-flag=N` options.
 * - `std::ios_base_library_init()` (GLIBCXX_3.4.32): a reference GCC 13's
 *   `<iostream>` plants so that the linker pulls in the stream set-up; no
 *   relocation uses it, and node (linked to the same libstdc++) has already
 *   set up the standard streams.
 *
 * {@link installAddonCompat} wraps `process.dlopen`: when loading the addon
 * fails for a missing symbol version, it writes a copy whose dynamic symbol
 * table asks for the old names and versions instead (C23 strto* -> strto*
 * at GLIBC_2.2.5; the unused libstdc++ reference -> GLIBCXX_3.4), checks
 * nothing else needs a newer library, and loads that copy. Nothing under
 * node_modules is changed.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A version the prebuilt addon requires that an older library lacks, and how to do without it. */
interface VersionPatch {
  /** The library (verneed file) the version belongs to. */
  file: string;
  /** An old version of the same library, present everywhere, to ask for instead. */
  replacement: string;
  /** Each symbol bound to the version: its old name, or null when no relocation may use it. */
  symbols: Readonly<Record<string, string | null>>;
}

const PATCHES: Readonly<Record<string, VersionPatch>> = {
  'GLIBC_2.38': {
    file: 'libc.so.6',
    replacement: 'GLIBC_2.2.5',
    symbols: { __isoc23_strtol: 'strtol', __isoc23_strtoul: 'strtoul', __isoc23_strtoll: 'strtoll', __isoc23_strtoull: 'strtoull' },
  },
  'GLIBCXX_3.4.32': { file: 'libstdc++.so.6', replacement: 'GLIBCXX_3.4', symbols: { _ZSt21ios_base_library_initv: null } },
};

const SHT_RELA = 4;
const SHT_DYNSYM = 11;
const SHT_GNU_VERNEED = 0x6ffffffe;
const SHT_GNU_VERSYM = 0x6fffffff;

interface Section {
  type: number;
  offset: number;
  size: number;
  link: number;
  info: number;
}

interface VersionNeed {
  file: string;
  name: string;
  /** File offset of the Elf64_Vernaux entry. */
  at: number;
  hash: number;
  nameOffset: number;
}

function readSections(elf: Buffer): Section[] {
  if (elf.readUInt32BE(0) !== 0x7f454c46 || elf[4] !== 2 || elf[5] !== 1) throw new Error('not a little-endian 64-bit ELF file');
  const start = Number(elf.readBigUInt64LE(0x28));
  const size = elf.readUInt16LE(0x3a);
  const count = elf.readUInt16LE(0x3c);
  return Array.from({ length: count }, (_, index) => {
    const at = start + index * size;
    return {
      type: elf.readUInt32LE(at + 4),
      offset: Number(elf.readBigUInt64LE(at + 0x18)),
      size: Number(elf.readBigUInt64LE(at + 0x20)),
      link: elf.readUInt32LE(at + 0x28),
      info: elf.readUInt32LE(at + 0x2c),
    };
  });
}

function stringAt(elf: Buffer, table: Section, offset: number): string {
  const start = table.offset + offset;
  return elf.toString('latin1', start, elf.indexOf(0, start));
}

/** Every Elf64_Vernaux entry, by its version index. */
function readVersionNeeds(elf: Buffer, verneed: Section, strings: Section): Map<number, VersionNeed> {
  const needs = new Map<number, VersionNeed>();
  let at = verneed.offset;
  for (let fileIndex = 0; fileIndex < verneed.info; fileIndex += 1) {
    const file = stringAt(elf, strings, elf.readUInt32LE(at + 4));
    let aux = at + elf.readUInt32LE(at + 8);
    for (let auxIndex = 0; auxIndex < elf.readUInt16LE(at + 2); auxIndex += 1) {
      const nameOffset = elf.readUInt32LE(aux + 8);
      needs.set(elf.readUInt16LE(aux + 6), { file, name: stringAt(elf, strings, nameOffset), at: aux, hash: elf.readUInt32LE(aux), nameOffset });
      aux += elf.readUInt32LE(aux + 12);
    }
    at += elf.readUInt32LE(at + 12);
  }
  return needs;
}

/**
 * A copy of `elf` that asks only for symbol versions old libraries have
 * (see the module comment). Throws when the file needs anything else new.
 */
export function patchAddon(elf: Buffer): Buffer {
  const patched = Buffer.from(elf);
  const sections = readSections(patched);
  const find = (type: number): Section => {
    const section = sections.find((candidate) => candidate.type === type);
    if (!section) throw new Error(`no section of type 0x${type.toString(16)}`);
    return section;
  };
  const dynsym = find(SHT_DYNSYM);
  const versym = find(SHT_GNU_VERSYM);
  const verneed = find(SHT_GNU_VERNEED);
  const strings = sections[dynsym.link];
  if (!strings) throw new Error('the dynamic symbol table has no string table');
  const needs = readVersionNeeds(patched, verneed, strings);
  const relocated = new Set<number>();
  for (const section of sections.filter((candidate) => candidate.type === SHT_RELA && candidate.link === sections.indexOf(dynsym))) {
    for (let at = section.offset; at < section.offset + section.size; at += 24) relocated.add(Number(patched.readBigUInt64LE(at + 8) >> 32n));
  }

  for (let index = 0; index < dynsym.size / 24; index += 1) {
    const need = needs.get(patched.readUInt16LE(versym.offset + index * 2) & 0x7fff);
    const patch = need ? PATCHES[need.name] : undefined;
    if (!need || !patch || need.file !== patch.file) continue;
    const symbol = dynsym.offset + index * 24;
    const name = stringAt(patched, strings, patched.readUInt32LE(symbol));
    const oldName = patch.symbols[name];
    if (oldName === undefined) throw new Error(`${name}@${need.name} has no known older equivalent`);
    if (oldName === null) {
      if (relocated.has(index)) throw new Error(`${name}@${need.name} is used by a relocation`);
      continue;
    }
    // The old name is usually the tail of the new one ("__isoc23_strtol"), so it is already in the string table.
    const found = patched.indexOf(`${oldName}\0`, strings.offset, 'latin1');
    if (found < 0 || found >= strings.offset + strings.size) throw new Error(`no string "${oldName}" to point ${name} at`);
    patched.writeUInt32LE(found - strings.offset, symbol);
  }

  for (const need of needs.values()) {
    const patch = PATCHES[need.name];
    if (!patch || need.file !== patch.file) continue;
    const replacement = [...needs.values()].find((candidate) => candidate.file === need.file && candidate.name === patch.replacement);
    if (!replacement) throw new Error(`${need.file} has no ${patch.replacement} to ask for instead of ${need.name}`);
    patched.writeUInt32LE(replacement.hash, need.at);
    patched.writeUInt32LE(replacement.nameOffset, need.at + 8);
  }
  return patched;
}

/** The patched copy of `addon` under `cacheDirectory`, written once per addon version. */
function compatibleCopy(addon: string, cacheDirectory: string): string {
  const original = readFileSync(addon);
  const copy = path.join(cacheDirectory, `${path.basename(addon, '.node')}-${createHash('sha256').update(original).digest('hex').slice(0, 16)}.node`);
  if (!existsSync(copy)) {
    mkdirSync(cacheDirectory, { recursive: true });
    writeFileSync(`${copy}.tmp`, patchAddon(original));
    renameSync(`${copy}.tmp`, copy);
  }
  return copy;
}

/**
 * Makes `process.dlopen` retry jazzer.js's addon with a patched copy (kept
 * in `cacheDirectory`) when the system libraries are too old for it.
 */
export function installAddonCompat(cacheDirectory: string): void {
  const dlopen = process.dlopen.bind(process);
  // dlopen rejects an explicit `flags: undefined`, so pass on only what was given.
  process.dlopen = (module: { exports: unknown }, filename: string, ...flags: number[]) => {
    try {
      dlopen(module, filename, ...flags);
    } catch (error) {
      const missingVersion = error instanceof Error && /version `[^']+' not found/.test(error.message);
      if (!missingVersion || !/[\\/]@jazzer\.js[\\/]fuzzer[\\/]/.test(filename)) throw error;
      dlopen(module, compatibleCopy(filename, cacheDirectory), ...flags);
    }
  };
}
