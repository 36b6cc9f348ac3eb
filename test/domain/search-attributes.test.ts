/** The search attributes workflows set are the ones the dev server and clusters are told to register. */
import registered from '../../temporal-config/search-attributes.json';
import { SA } from '../../domain/search-attributes';

it('temporal-config/search-attributes.json lists exactly the keys the code uses, with their types', () => {
  const used = Object.values(SA).map((k) => ({ name: k.name, type: k.type }));
  const listed = registered.attributes.map((a) => ({ name: a.name, type: a.type.toUpperCase() }));
  expect(listed.sort((a, b) => a.name.localeCompare(b.name))).toEqual(
    used.sort((a, b) => a.name.localeCompare(b.name)),
  );
});
