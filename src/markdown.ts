import MarkdownIt from 'markdown-it';

// Raw HTML is off, so whatever an organiser types can only become the elements Markdown itself produces;
// markdown-it's link validation already refuses javascript:, vbscript: and data: URLs (except images).
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  const href = token?.attrGet('href') ?? '';
  if (token && /^https?:\/\//i.test(href)) token.attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/**
 * Markdown to safe HTML.
 * @example renderMarkdown('**Mål**: <script>x</script>') // '<p><strong>Mål</strong>: &lt;script&gt;x&lt;/script&gt;</p>\n'
 */
export function renderMarkdown(source: string): string {
  return md.render(source);
}
