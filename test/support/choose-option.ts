/**
 * Picks an option of an Ant Design select the way a user does, by clicking it (chooseOption) or by
 * typing and pressing Enter (typeToChoose), and waits until the select shows the choice (its own
 * text; the options live in a list elsewhere).
 *
 * The list opens with a slide animation (about 0.2 s), and the options move with it. On a loaded
 * machine playwright can find an option "stable" between two starved frames and press on it, and
 * the release then lands on the option above (seen: pressed on 市卫生健康委员会, released on
 * 市经济和信息化局), so nothing is chosen. So the click waits until the list has stopped moving,
 * as a user's eye does. The option is looked for only in the list that is open, so a closing list
 * of another select cannot take the click; and a choice the select did not take fails here, naming
 * the select and the option, instead of at a later step that needed it.
 */
import type { Locator, Page } from 'playwright-core';

const OPEN_LIST = '.ant-select-dropdown:not(.ant-select-dropdown-hidden)';
const OPEN_OPTION = `${OPEN_LIST} .ant-select-item-option`;

export async function chooseOption(page: Page, select: Locator, option: string): Promise<void> {
  await select.click();
  const item = page.locator(OPEN_OPTION, { hasText: option });
  await item.waitFor();
  await item.evaluate(
    (el) =>
      new Promise<void>((resolve) => {
        // Typed by hand: the tests compile without the DOM's types.
        type Moving = { className: string; getAnimations(): unknown[]; closest(s: string): Moving | null };
        const frame = globalThis as unknown as { requestAnimationFrame(f: () => void): void };
        const list = (el as unknown as Moving).closest('.ant-select-dropdown') as Moving;
        const still = () => list.getAnimations().length === 0 && !/-(appear|enter)\b/.test(list.className);
        const poll = () => (still() ? resolve() : frame.requestAnimationFrame(poll));
        poll();
      }),
  );
  await item.click();
  await shows(select, option);
}

/**
 * Picks an option by typing part of it into the select's search and pressing Enter, once the
 * open list has put that option first: a key pressed before the list has filtered would take
 * whichever option was first.
 */
export async function typeToChoose(
  page: Page,
  select: Locator,
  typed: string,
  option: string,
): Promise<void> {
  await select.click();
  await page.keyboard.type(typed);
  await page.locator(`${OPEN_LIST} .ant-select-item-option-active`, { hasText: option }).waitFor();
  await page.keyboard.press('Enter');
  await shows(select, option);
}

/** Waits until the select shows the option as its value, else fails naming both. */
async function shows(select: Locator, option: string): Promise<void> {
  try {
    await select.filter({ hasText: option }).waitFor({ timeout: 10_000 });
  } catch (err) {
    const html = await select.evaluate((e) => e.outerHTML).catch(() => '(gone)');
    throw new Error(
      `the select ${select.toString()} does not show "${option}" once chosen: ${(err as Error).message}\n${html.slice(0, 1500)}`,
    );
  }
}
