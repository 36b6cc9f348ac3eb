/**
 * Notices written by workflows name a department by its code in parentheses,
 * e.g. "机构改革后须在15个工作日内更新目录:市政务服务改革(hr-social-security)":
 * a workflow knows codes, not the directory's names. People read names, so a
 * notice is shown and delivered with each such code replaced by the name.
 */
export function namingDepartments(text: string, nameOf: (code: string) => string | null): string {
  return text.replace(/\(([a-z][a-z0-9-]*)\)/g, (whole, code: string) => {
    const name = nameOf(code);
    return name ? `(${name})` : whole;
  });
}

/** A notice's title in both languages, each with its department codes named in that language. */
export function titleNamingDepartments(
  title: { zh: string; en: string },
  nameOf: (code: string) => { zh: string; en: string } | null,
): { zh: string; en: string } {
  return {
    zh: namingDepartments(title.zh, (c) => nameOf(c)?.zh ?? null),
    en: namingDepartments(title.en, (c) => nameOf(c)?.en ?? null),
  };
}
