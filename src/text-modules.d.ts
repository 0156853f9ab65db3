// Files bundled as text on Workers (wrangler.toml `rules`): the import is the file's content.
declare module '*.css' {
  const text: string;
  export default text;
}
declare module '*/views/upload.js' {
  const text: string;
  export default text;
}
declare module 'htmx.org/dist/htmx.min.js' {
  const text: string;
  export default text;
}
