import { describe, expect, it } from 'vitest';
import { stepZoom, ZOOM_STEPS } from './viewPrefs';

describe('zoom steps', () => {
  it('steps up and down through the list and stops at its ends; Ctrl+0 is 100%', () => {
    expect(stepZoom(1, 1)).toBe(1.1);
    expect(stepZoom(1.1, -1)).toBe(1);
    expect(stepZoom(ZOOM_STEPS[ZOOM_STEPS.length - 1]!, 1)).toBe(ZOOM_STEPS[ZOOM_STEPS.length - 1]);
    expect(stepZoom(ZOOM_STEPS[0]!, -1)).toBe(ZOOM_STEPS[0]);
    expect(stepZoom(1.4, 0)).toBe(1);
  });
});
