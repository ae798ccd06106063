// What the model manager sends across the IPC edge: the catalog and installed models as one table,
// download progress, and Whisper's languages. Free of Node APIs and zod, so the renderer can use it.

/** First line of the engine's error when there is no model at all (src/core/asr/modelLocator.ts). */
export const NO_MODEL_HEADLINE = 'No Whisper model found.';

/** A model file name in the models folder: no path separators, always `ggml-….bin`. */
export const MODEL_FILE_NAME_PATTERN = /^ggml-[A-Za-z0-9][A-Za-z0-9._-]{0,120}\.bin$/;

/** The language setting for a multilingual model: a Whisper code, or let Whisper detect it. */
export const AUTO_LANGUAGE = 'auto';
export const DEFAULT_LANGUAGE = 'en';

export type Quantisation = 'f32' | 'f16' | 'q4_0' | 'q4_1' | 'q5_0' | 'q5_1' | 'q8_0' | 'unknown';

/** What the catalog knows about a downloadable model. */
export type CatalogInfo = {
  id: string;
  label: string;
  sizeBytes: number;
  sha256: string;
  multilingual: boolean;
  quantisation: Quantisation;
  notes: string;
  recommended: boolean;
};

/** What the file on disk says about itself (its ggml header). */
export type InstalledInfo = {
  sizeBytes: number;
  multilingual: boolean;
  quantisation: Quantisation;
  /** "tiny", "base", "small"… from the encoder width. */
  sizeName: string;
};

/** One row of the Models table: a catalog entry, an installed file, or both. */
export type ModelRow = {
  fileName: string;
  catalog: CatalogInfo | null;
  installed: InstalledInfo | null;
  /** Why a file in the folder cannot be used (corrupt or truncated); it is never loaded. */
  problem: string | null;
  /** Bytes of an unfinished download (`<file>.part`) that Download resumes from. */
  partialBytes: number | null;
  active: boolean;
};

export type ModelsOverview = {
  modelsDir: string;
  rows: ModelRow[];
  /** The file the engine uses (or will use); null when there is none. */
  activeFile: string | null;
  /** True when the user picked the model; false when the app picks the best one present. */
  activeChosen: boolean;
  /** COACH_WHISPER_MODEL (or --model): it wins over the choice made here. */
  envOverride: string | null;
  /** Whether the active model understands languages other than English. */
  activeMultilingual: boolean;
  /** The language setting (a Whisper code or 'auto'); English-only models always use 'en'. */
  language: string;
  /** Downloads under way, by file name. */
  downloads: ModelDownloadProgress[];
};

export type ModelDownloadState = 'downloading' | 'verifying' | 'done' | 'error' | 'cancelled';

export type ModelDownloadProgress = {
  fileName: string;
  state: ModelDownloadState;
  receivedBytes: number;
  totalBytes: number;
  /** Recent transfer rate; 0 while verifying or when finished. */
  bytesPerSec: number;
  /** Set for 'error' (what went wrong and what to do) and 'cancelled'. */
  message?: string;
};

/** Whisper's languages (whisper.cpp's g_lang table, in its order), with English names. */
export const WHISPER_LANGUAGES: readonly { code: string; name: string }[] = [
  ['en', 'English'],
  ['zh', 'Chinese'],
  ['de', 'German'],
  ['es', 'Spanish'],
  ['ru', 'Russian'],
  ['ko', 'Korean'],
  ['fr', 'French'],
  ['ja', 'Japanese'],
  ['pt', 'Portuguese'],
  ['tr', 'Turkish'],
  ['pl', 'Polish'],
  ['ca', 'Catalan'],
  ['nl', 'Dutch'],
  ['ar', 'Arabic'],
  ['sv', 'Swedish'],
  ['it', 'Italian'],
  ['id', 'Indonesian'],
  ['hi', 'Hindi'],
  ['fi', 'Finnish'],
  ['vi', 'Vietnamese'],
  ['he', 'Hebrew'],
  ['uk', 'Ukrainian'],
  ['el', 'Greek'],
  ['ms', 'Malay'],
  ['cs', 'Czech'],
  ['ro', 'Romanian'],
  ['da', 'Danish'],
  ['hu', 'Hungarian'],
  ['ta', 'Tamil'],
  ['no', 'Norwegian'],
  ['th', 'Thai'],
  ['ur', 'Urdu'],
  ['hr', 'Croatian'],
  ['bg', 'Bulgarian'],
  ['lt', 'Lithuanian'],
  ['la', 'Latin'],
  ['mi', 'Maori'],
  ['ml', 'Malayalam'],
  ['cy', 'Welsh'],
  ['sk', 'Slovak'],
  ['te', 'Telugu'],
  ['fa', 'Persian'],
  ['lv', 'Latvian'],
  ['bn', 'Bengali'],
  ['sr', 'Serbian'],
  ['az', 'Azerbaijani'],
  ['sl', 'Slovenian'],
  ['kn', 'Kannada'],
  ['et', 'Estonian'],
  ['mk', 'Macedonian'],
  ['br', 'Breton'],
  ['eu', 'Basque'],
  ['is', 'Icelandic'],
  ['hy', 'Armenian'],
  ['ne', 'Nepali'],
  ['mn', 'Mongolian'],
  ['bs', 'Bosnian'],
  ['kk', 'Kazakh'],
  ['sq', 'Albanian'],
  ['sw', 'Swahili'],
  ['gl', 'Galician'],
  ['mr', 'Marathi'],
  ['pa', 'Punjabi'],
  ['si', 'Sinhala'],
  ['km', 'Khmer'],
  ['sn', 'Shona'],
  ['yo', 'Yoruba'],
  ['so', 'Somali'],
  ['af', 'Afrikaans'],
  ['oc', 'Occitan'],
  ['ka', 'Georgian'],
  ['be', 'Belarusian'],
  ['tg', 'Tajik'],
  ['sd', 'Sindhi'],
  ['gu', 'Gujarati'],
  ['am', 'Amharic'],
  ['yi', 'Yiddish'],
  ['lo', 'Lao'],
  ['uz', 'Uzbek'],
  ['fo', 'Faroese'],
  ['ht', 'Haitian Creole'],
  ['ps', 'Pashto'],
  ['tk', 'Turkmen'],
  ['nn', 'Nynorsk'],
  ['mt', 'Maltese'],
  ['sa', 'Sanskrit'],
  ['lb', 'Luxembourgish'],
  ['my', 'Myanmar'],
  ['bo', 'Tibetan'],
  ['tl', 'Tagalog'],
  ['mg', 'Malagasy'],
  ['as', 'Assamese'],
  ['tt', 'Tatar'],
  ['haw', 'Hawaiian'],
  ['ln', 'Lingala'],
  ['ha', 'Hausa'],
  ['ba', 'Bashkir'],
  ['jw', 'Javanese'],
  ['su', 'Sundanese'],
  ['yue', 'Cantonese'],
].map(([code, name]) => ({ code: code!, name: name! }));

export const LANGUAGE_CODES: readonly string[] = [AUTO_LANGUAGE, ...WHISPER_LANGUAGES.map((l) => l.code)];
