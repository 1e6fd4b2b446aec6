/**
 * The services the menu's export touches, as strict as Google's (test/fixtures/google-limits.md, "Dialogs, files and
 * export"): the project's HTML files and modal dialogs (HtmlService, Ui.showModalDialog), Utilities' base64 and blobs
 * (bytes are Java's: signed, -128..127), and the advanced Drive service (v3) as the `drive.file` scope lets a script see
 * it: only the files the script made. Kept apart from fakes.ts so that other menu work can add its own services beside.
 */
/** The project's manifest (apps-script/appsscript.json), which decides the advanced services and scopes the script has. */
export interface Manifest {
  oauthScopes?: string[];
  dependencies?: { enabledAdvancedServices?: { userSymbol: string; serviceId: string; version: string }[] };
}

export interface FakeDriveFile {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  trashed: boolean;
  /** Signed bytes, as the blob held them; null for a folder. */
  bytes: number[] | null;
  /** Made by this script (what `drive.file` lets it see), or by the official in Drive. */
  byScript: boolean;
}

export interface ModalDialog {
  title: string;
  html: string;
  width: number;
  height: number;
}

export interface ExportFakes {
  dialogs: ModalDialog[];
  /** Every file and folder in the official's Drive, the script's and their own. */
  driveFiles: FakeDriveFile[];
}

export const EXPORT_ERRORS = {
  base64: 'Could not decode string.',
  noHtmlFile: (name: string) => `No HTML file named ${name} was found.`,
  notFound: (id: string) => `API call to drive.files.create failed with error: File not found: ${id}.`,
  badQuery: 'API call to drive.files.list failed with error: Invalid Value',
  notByte: (v: unknown) => `Cannot convert ${String(v)} to byte.`,
} as const;

const DRIVE_SCOPES = ['https://www.googleapis.com/auth/drive', 'https://www.googleapis.com/auth/drive.file'];
const FOLDER = 'application/vnd.google-apps.folder';

/** A blob as Utilities.newBlob makes it: bytes copied, and handed back as Java's signed bytes. */
export class FakeBlob {
  private readonly data: number[];
  constructor(
    data: readonly number[] | string,
    private readonly contentType: string | null,
    private readonly name: string | null,
  ) {
    if (typeof data === 'string') this.data = [...Buffer.from(data, 'utf8')].map(toSigned);
    else {
      // A JavaScript number outside a byte's range is refused, as Apps Script refuses to convert it to a Java byte.
      const bad = data.find((v) => !Number.isInteger(v) || v < -128 || v > 127);
      if (bad !== undefined) throw new Error(EXPORT_ERRORS.notByte(bad));
      this.data = [...data];
    }
  }
  getBytes(): number[] {
    return [...this.data];
  }
  getContentType(): string | null {
    return this.contentType;
  }
  getName(): string | null {
    return this.name;
  }
}

const toSigned = (b: number): number => (b > 127 ? b - 256 : b);

/** Unsigned bytes of the signed ones a blob or base64Decode gives. */
export const unsignedBytes = (bytes: readonly number[]): Uint8Array => Uint8Array.from(bytes, (b) => b & 0xff);

/**
 * Utilities.base64Decode: Java's byte[] as Apps Script hands it to JavaScript, signed (-128…127), not a Uint8Array;
 * text that is not base64 throws. (A plain loop: spreading a 2 MB buffer into an array took over a second.)
 */
export function base64Decode(text: string): number[] {
  const clean = String(text);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) throw new Error(EXPORT_ERRORS.base64);
  const bytes = Buffer.from(clean, 'base64');
  const signed = new Array<number>(bytes.length);
  for (let i = 0; i < bytes.length; i++) signed[i] = toSigned(bytes[i]!);
  return signed;
}

/** drive.files.list's query, in the clauses the script writes; anything else is refused as Google refuses a bad query. */
function matcher(q: string): (f: FakeDriveFile) => boolean {
  const tests = q.split(' and ').map((clause): ((f: FakeDriveFile) => boolean) => {
    let m = /^(name|mimeType) = '((?:[^'\\]|\\.)*)'$/.exec(clause.trim());
    if (m) {
      const [, field, value] = m as unknown as [string, 'name' | 'mimeType', string];
      return (f) => f[field] === value.replace(/\\(.)/g, '$1');
    }
    m = /^'([^']+)' in parents$/.exec(clause.trim());
    if (m) return (f) => f.parents.includes(m![1]!);
    m = /^trashed = (true|false)$/.exec(clause.trim());
    if (m) return (f) => f.trashed === (m![1] === 'true');
    throw new Error(EXPORT_ERRORS.badQuery);
  });
  return (f) => tests.every((t) => t(f));
}

/** The fields of a file the API returns: those asked for, else its default few. */
function fieldsOf(file: FakeDriveFile, fields: string | undefined): Record<string, unknown> {
  const all: Record<string, unknown> = {
    kind: 'drive#file',
    id: file.id,
    name: file.name,
    mimeType: file.mimeType,
    parents: file.parents,
    webViewLink: `https://drive.google.com/file/d/${file.id}/view?usp=drivesdk`,
    size: file.bytes ? String(file.bytes.length) : undefined,
  };
  const wanted = fields ? fields.split(',').map((f) => f.trim()) : ['kind', 'id', 'name', 'mimeType'];
  return Object.fromEntries(wanted.filter((f) => all[f] !== undefined).map((f) => [f, all[f]]));
}

/**
 * Adds the export's services to a fake Apps Script: HtmlService.createHtmlOutputFromFile (the project's files, by name
 * without ".html"), HtmlOutput.append/setWidth/setHeight, Ui.showModalDialog, Utilities.base64Decode/newBlob, and the
 * `Drive` global only when the manifest enables the advanced Drive service with a Drive scope.
 */
export function addExportServices(
  services: Record<string, Record<string, unknown>>,
  ui: Record<string, unknown>,
  options: { htmlFiles: Record<string, string>; manifest: Manifest; authorised: (service: string, scope: string) => void },
): ExportFakes {
  const dialogs: ModalDialog[] = [];
  const driveFiles: FakeDriveFile[] = [];
  const output = (initial: string) => {
    let html = initial;
    const o = {
      title: '',
      width: 600,
      height: 400,
      getContent: () => html,
      setTitle: (t: string) => ((o.title = t), o),
      append: (more: string) => ((html += more), o),
      setWidth: (w: number) => ((o.width = w), o),
      setHeight: (h: number) => ((o.height = h), o),
    };
    return o;
  };
  const html = services['HtmlService']!;
  services['HtmlService'] = {
    ...html,
    createHtmlOutputFromFile: (name: string) => {
      const file = options.htmlFiles[name];
      if (file === undefined) throw new Error(EXPORT_ERRORS.noHtmlFile(name));
      return output(file);
    },
  };
  // The dialog opens in the official's browser; the script goes on (and ends) without waiting for it.
  ui['showModalDialog'] = (o: ReturnType<typeof output>, title: string) => {
    options.authorised('Ui.showModalDialog', 'script.container.ui');
    dialogs.push({ title, html: o.getContent(), width: o.width, height: o.height });
  };
  services['Utilities'] = {
    ...services['Utilities'],
    base64Decode: base64Decode,
    newBlob: (data: number[] | string, contentType?: string, name?: string) => new FakeBlob(data, contentType ?? null, name ?? null),
  };
  const advanced = options.manifest.dependencies?.enabledAdvancedServices?.find((s) => s.serviceId === 'drive');
  const scopes = options.manifest.oauthScopes ?? [];
  if (advanced && scopes.some((s) => DRIVE_SCOPES.includes(s))) {
    // With only drive.file, the script sees the files it made; the official's own are not there for it.
    const fullDrive = scopes.includes(DRIVE_SCOPES[0]!);
    const visible = (f: FakeDriveFile) => fullDrive || f.byScript;
    let next = 1;
    services[advanced.userSymbol] = {
      Files: {
        list: (params: { q?: string; fields?: string; pageSize?: number } = {}) => {
          options.authorised('Drive.Files.list', 'drive.file');
          const match = params.q ? matcher(params.q) : () => true;
          const files = driveFiles.filter((f) => visible(f) && match(f)).slice(0, params.pageSize ?? 100);
          const inner = /^files\(([^)]*)\)$/.exec(params.fields ?? '')?.[1];
          return { files: files.map((f) => fieldsOf(f, inner)) };
        },
        create: (resource: { name?: string; mimeType?: string; parents?: string[] }, blob?: FakeBlob, params: { fields?: string } = {}) => {
          options.authorised('Drive.Files.create', 'drive.file');
          const parents = resource.parents ?? ['root'];
          for (const p of parents) {
            if (p !== 'root' && !driveFiles.some((f) => f.id === p && visible(f) && f.mimeType === FOLDER))
              throw new Error(EXPORT_ERRORS.notFound(p));
          }
          const file: FakeDriveFile = {
            id: `file-${next++}`,
            name: resource.name ?? blob?.getName() ?? 'Untitled',
            mimeType: resource.mimeType ?? blob?.getContentType() ?? 'application/octet-stream',
            parents,
            trashed: false,
            bytes: blob ? blob.getBytes() : null,
            byScript: true,
          };
          driveFiles.push(file);
          return fieldsOf(file, params.fields);
        },
      },
    };
  }
  return { dialogs, driveFiles };
}
