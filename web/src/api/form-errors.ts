/** Puts the API's field errors on a form's fields; any other error goes to `message`. */
import type { Form } from 'antd';
import { ApiError } from './client';

export function onApiError(
  form: ReturnType<typeof Form.useForm>[0],
  message: (m: string) => void,
  map: (path: string) => (string | number)[] = (p) => p.split('.'),
) {
  return (e: Error) => {
    if (e instanceof ApiError && e.details.length)
      form.setFields(e.details.map((d) => ({ name: map(d.path) as never, errors: [d.message] })));
    else message(e.message);
  };
}
