import { describe, expect, it } from 'vitest';
import { isRevisionOf } from './revision.js';

const STORY =
  'The city council approved the new budget on Tuesday after a long debate. The plan raises spending on schools and roads, ' +
  'and the mayor said the increase would be paid for without raising property taxes. Opponents said the figures did not add up.';

describe('isRevisionOf', () => {
  it('takes a corrected, expanded or retitled story for the same article', () => {
    const corrected = STORY.replace('Tuesday', 'Wednesday');
    expect(isRevisionOf({ text: STORY }, { text: corrected })).toBe(true);
    const expanded = `${STORY} The vote was seven to two. A second reading is due next month, when residents may speak.`;
    expect(isRevisionOf({ text: STORY }, { text: expanded })).toBe(true);
    expect(isRevisionOf({ text: expanded }, { text: STORY })).toBe(true);
  });

  it('tells another article apart, whatever the two share besides their text', () => {
    const other =
      'Heavy rain closed three roads in the north of the county overnight. Drivers were told to avoid the valley route, ' +
      'and the fire service pumped water from a dozen homes. More rain is forecast for the weekend.';
    expect(isRevisionOf({ text: STORY }, { text: other })).toBe(false);
    expect(isRevisionOf({ text: '' }, { text: STORY })).toBe(false);
  });
});
