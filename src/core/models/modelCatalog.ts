// The Whisper models Interview Coach can download: whisper.cpp's ggml files on Hugging Face
// (https://huggingface.co/ggerganov/whisper.cpp), each pinned by exact size and SHA-256.
//
// Where the checksums come from: Hugging Face stores these files with Git LFS, and a file's LFS
// pointer (`oid sha256:…`, `size …`) is the SHA-256 and byte length of its content. whisper.cpp's own
// README and download script list SHA-1 only, so the values below were taken from public projects
// that pin the same LFS object ids, and each was found identically in at least two of them:
//   - an Android app's LocalModelCatalog (package com.vocahq.vocaphone.local) and a Kotlin
//     WhisperDownloads table (package com.sal7one.transiber.models), both "publisher LFS object IDs"
//     at repository revision 5359861c739e955e79d9a303bcbc70fb988958b1, with sizes in bytes;
//   - a Swift ModelIntegrity table ("captured … from the Hugging Face LFS pointers", same revision):
//     every f16, q8_0 and q5_0 value below (it has no q5_1 files);
//   - many single-model pins in other projects, e.g. tiny-q5_1, small-q5_1, small.en-q5_1,
//     tiny.en-q5_1 and base.en (several each), and a Nix table whose SRI hashes for tiny and tiny.en
//     decode to the same hex.
// Files are downloaded from that same revision (HF_MODEL_REVISION), never from `main`, so a file and its
// pinned checksum always match. docs/models.md lists the sources per model. A model not listed here
// can still be imported.
import { MODEL_FILE_NAME_PATTERN, type CatalogInfo, type Quantisation } from '../../shared/modelsContract';

/** The Hugging Face revision every size and SHA-256 below was taken at; downloads are pinned to it. */
export const HF_MODEL_REVISION = '5359861c739e955e79d9a303bcbc70fb988958b1';
export const HF_MODEL_BASE_URL = `https://huggingface.co/ggerganov/whisper.cpp/resolve/${HF_MODEL_REVISION}`;

export type CatalogModel = CatalogInfo & { fileName: string };

type Entry = [
  id: string,
  sizeBytes: number,
  sha256: string,
  quantisation: Quantisation,
  notes: string,
  recommended?: boolean,
];

// prettier-ignore
const ENTRIES: Entry[] = [
  // tiny: 39 M parameters. Live captions keep up easily on two cores; more mistakes.
  ['tiny.en', 77_704_715, '921e4cf8686fdd993dcd081a5da5b6c365bfde1162e72b08d75ac75289920b1f', 'f16', 'Fastest; more mistakes. For older or busy laptops.'],
  ['tiny.en-q5_1', 32_166_155, 'c77c5766f1cef09b6b7d47f21b546cbddd4157886b3b5d6d4f709e91e66c7c2b', 'q5_1', 'Smallest download; slightly less accurate than tiny.en.'],
  ['tiny.en-q8_0', 43_550_795, '5bc2b3860aa151a4c6e7bb095e1fcce7cf12c7b020ca08dcec0c6d018bb7dd94', 'q8_0', 'Half the size of tiny.en, almost the same accuracy.'],
  ['tiny', 77_691_713, 'be07e048e1e599ad46341c8d2a135645097a538221678b7acdd1b1919c6e1b21', 'f16', 'Fastest multilingual; weak outside English.'],
  ['tiny-q5_1', 32_152_673, '818710568da3ca15689e31a743197b520007872ff9576237bda97bd1b469c3d7', 'q5_1', 'Smallest multilingual download.'],
  ['tiny-q8_0', 43_537_433, 'c2085835d3f50733e2ff6e4b41ae8a2b8d8110461e18821b09a15c40c42d1cca', 'q8_0', 'Multilingual tiny at half the size.'],
  // base: 74 M parameters. The best trade-off for live use on a 2-core laptop.
  ['base.en', 147_964_211, 'a03779c86df3323075f5e796cb2ce5029f00ec8869eee3fdfb897afe36c6d002', 'f16', 'Recommended: good accuracy, keeps up live on two cores.', true],
  ['base.en-q5_1', 59_721_011, '4baf70dd0d7c4247ba2b81fafd9c01005ac77c2f9ef064e00dcf195d0e2fdd2f', 'q5_1', 'base.en at 40 % of the size; a little less accurate.'],
  ['base.en-q8_0', 81_781_811, 'a4d4a0768075e13cfd7e19df3ae2dbc4a68d37d36a7dad45e8410c9a34f8c87e', 'q8_0', 'base.en at about half the size, nearly the same accuracy.'],
  ['base', 147_951_465, '60ed5bc3dd14eea856493d334349b405782ddcaf0028d4b5df4088345fba2efe', 'f16', 'Multilingual; good for practising in other languages.'],
  ['base-q5_1', 59_707_625, '422f1ae452ade6f30a004d7e5c6a43195e4433bc370bf23fac9cc591f01a8898', 'q5_1', 'Multilingual base, smallest download.'],
  ['base-q8_0', 81_768_585, 'c577b9a86e7e048a0b7eada054f4dd79a56bbfa911fbdacf900ac5b567cbb7d9', 'q8_0', 'Multilingual base at about half the size.'],
  // small: 244 M parameters. Clearly more accurate, about 3× slower: live captions lag on two cores.
  ['small.en', 487_614_201, 'c6138d6d58ecc8322097e0f987c32f1be8bb0a18532a3f88f734d1bbf9c41e5d', 'f16', 'Most accurate English; live captions lag on two cores.'],
  ['small.en-q5_1', 190_098_681, 'bfdff4894dcb76bbf647d56263ea2a96645423f1669176f4844a1bf8e478ad30', 'q5_1', 'small.en at 40 % of the size; still slow on two cores.'],
  ['small.en-q8_0', 264_477_561, '67a179f608ea6114bd3fdb9060e762b588a3fb3bd00c4387971be4d177958067', 'q8_0', 'small.en at about half the size; still slow on two cores.'],
  ['small', 487_601_967, '1be3a9b2063867b937e64e2ec7483364a79917e157fa98c5d94b5c1fffea987b', 'f16', 'Accurate multilingual; slow on two cores.'],
  ['small-q5_1', 190_085_487, 'ae85e4a935d7a567bd102fe55afc16bb595bdb618e11b2fc7591bc08120411bb', 'q5_1', 'Multilingual small, smallest download; slow on two cores.'],
  ['small-q8_0', 264_464_607, '49c8fb02b65e6049d5fa6c04f81f53b867b5ec9540406812c643f177317f779f', 'q8_0', 'Multilingual small at about half the size; slow on two cores.'],
  // medium: 769 M parameters. Only for reviewing recordings on a fast machine.
  ['medium.en-q5_0', 539_225_533, '76733e26ad8fe1c7a5bf7531a9d41917b2adc0f20f2e4f5531688a8c6cd88eb0', 'q5_0', 'Too slow for live use on two cores; for fast machines.'],
  ['medium-q5_0', 539_212_467, '19fea4b380c3a618ec4723c3eef2eb785ffba0d0538cf43f8f235e7b3b34220f', 'q5_0', 'Multilingual medium; too slow for live use on two cores.'],
];

function toModel([id, sizeBytes, sha256, quantisation, notes, recommended]: Entry): CatalogModel {
  const english = /\.en(-|$)/.test(id);
  const family = id.split(/[.-]/)[0] ?? id;
  const variant = quantisation === 'f16' ? '' : ` (${quantisation})`;
  return {
    id,
    fileName: `ggml-${id}.bin`,
    label: `${family[0]?.toUpperCase()}${family.slice(1)}${english ? ' English' : ''}${variant}`,
    sizeBytes,
    sha256,
    multilingual: !english,
    quantisation,
    notes,
    recommended: recommended ?? false,
  };
}

export const MODEL_CATALOG: readonly CatalogModel[] = ENTRIES.map(toModel);

export function catalogModel(fileName: string): CatalogModel | undefined {
  return MODEL_CATALOG.find((m) => m.fileName === fileName);
}

/** The catalog's facts about a model, as sent to the renderer. */
export function catalogInfo(m: CatalogModel): CatalogInfo {
  const { id, label, sizeBytes, sha256, multilingual, quantisation, notes, recommended } = m;
  return { id, label, sizeBytes, sha256, multilingual, quantisation, notes, recommended };
}

export function isModelFileName(name: string): boolean {
  return MODEL_FILE_NAME_PATTERN.test(name) && !/silero|vad/i.test(name);
}

export function modelUrl(fileName: string, baseUrl = HF_MODEL_BASE_URL): string {
  return `${baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(fileName)}`;
}
