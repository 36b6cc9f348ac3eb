/** API errors as the user reads them: in their language, field problems on their fields, the rest as a message. */
import { App, type FormInstance } from 'antd';
import { useI18n } from '../i18n/i18n';
import { errorText, fieldText } from '../i18n/errors';
import { ApiError } from './client';

export function useApiErrors() {
  const { lang } = useI18n();
  const { message } = App.useApp();
  /** What an error says, in the user's language. */
  const say = (e: Error): string => (e instanceof ApiError ? errorText(e, lang) : e.message);
  return {
    say,
    /** Shows an error as a message. */
    show: (e: Error) => void message.error(say(e)),
    /**
     * Puts the API's field problems on a form's fields (`map`: an API path to the form's field
     * name; `label`: the field as the form labels it); any other error goes to a message.
     */
    onForm:
      <V>(
        form: FormInstance<V>,
        map: (path: string) => (string | number)[] = (p) => p.split('.'),
        label: (path: string) => string = () => '',
      ) =>
      (e: Error) => {
        if (e instanceof ApiError && e.details.length)
          form.setFields(
            e.details.map((d) => ({
              name: map(d.path) as never,
              errors: [fieldText(d, label(d.path), lang, e.code)],
            })),
          );
        else void message.error(say(e));
      },
  };
}
