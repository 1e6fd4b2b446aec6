/** HTML files are bundled as text (esbuild `text` loader). */
declare module '*.html' {
  const text: string;
  export default text;
}
