import { describe, expect, it } from 'vitest';
import { listKeyFor } from './list-keys';

function press(key: string, target: EventTarget | null = document.body, modifiers: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) {
  return listKeyFor({ key, target, ctrlKey: false, metaKey: false, altKey: false, ...modifiers });
}

describe('listKeyFor', () => {
  it('maps the list keys', () => {
    expect(['j', 'ArrowDown', 'k', 'ArrowUp', 'Enter', 'x', ' ', 'r', '?'].map((key) => press(key))).toEqual([
      'next', 'next', 'previous', 'previous', 'open', 'select', 'select', 'reason', 'help',
    ]);
    expect(press('q')).toBeNull();
  });

  it('never takes keys typed into a field, in a dialog, or with a modifier', () => {
    for (const tag of ['input', 'textarea', 'select']) expect(press('j', document.createElement(tag))).toBeNull();
    const editable = document.createElement('div');
    editable.contentEditable = 'true';
    document.body.append(editable);
    expect(press('x', editable)).toBeNull();
    const dialog = document.createElement('div');
    dialog.setAttribute('role', 'dialog');
    const inside = document.createElement('button');
    dialog.append(inside);
    document.body.append(dialog);
    expect(press('j', inside)).toBeNull();
    expect(press('r', document.body, { ctrlKey: true })).toBeNull();
    expect(press('k', document.body, { metaKey: true })).toBeNull();
  });
});
