/** The app's language: Chinese by default, English when switched; the choice is remembered. */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { codeNames, messages, type Lang, type MessageKey } from './messages';

const KEY = 'govshare.lang';

interface I18n {
  lang: Lang;
  setLang(l: Lang): void;
  t(key: MessageKey): string;
  /** The name of an API code (status, decision, role…), or the code itself. */
  name(code: string | null | undefined): string;
  text(t: { zh: string; en: string }): string;
  /** A department by the names the API returns beside its code (the code only if it has none). */
  dept(code: string | null, names?: { zh: string; en: string } | null): string;
  /** Who holds a task: the role, and the department's name when the role is a department's. */
  holder(h: {
    role: string;
    department: string | null;
    departmentName?: { zh: string; en: string } | null;
  }): string;
  /** A case id as people read it: a department's part of a case (RF-….hr-social-security) by the department's name. */
  caseName(caseId: string, department?: string | null, names?: { zh: string; en: string } | null): string;
}

const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(KEY) === 'en' ? 'en' : 'zh'));
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang(l) {
        localStorage.setItem(KEY, l);
        document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
        setLangState(l);
      },
      t: (key) => messages[lang][key],
      name: (code) => (code ? (codeNames[code]?.[lang] ?? code) : ''),
      text: (t) => t[lang],
      dept: (code, names) => (names ? names[lang] : (code ?? '')),
      caseName: (caseId, department, names) =>
        department && names && caseId.endsWith(`.${department}`)
          ? `${caseId.slice(0, -department.length - 1)} · ${names[lang]}`
          : caseId,
      holder: (h) => {
        const role = codeNames[h.role]?.[lang] ?? h.role;
        const where = h.departmentName ? h.departmentName[lang] : h.department;
        return where ? (lang === 'zh' ? `${where}${role}` : `${role}, ${where}`) : role;
      },
    }),
    [lang],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
