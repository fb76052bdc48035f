import { describe, expect, it } from 'vitest';
import { syncRelationOf, syncRunOf } from '../../lib/test-support';
import { isLive, relationProgress, runSummary } from './sync-progress';

describe('relationProgress', () => {
  it('is indeterminate while fetching (the network gives no total), with the counts in words', () => {
    expect(relationProgress(syncRelationOf({ relation: 'blocked', phase: 'fetching', fetched: 200, folded: 100 }), 'Mastodon')).toEqual({
      value: null,
      max: 1,
      text: '200 fetched from Mastodon, 100 saved',
    });
  });

  it('fills with folded of fetched once everything is fetched, and is full when folded', () => {
    expect(relationProgress(syncRelationOf({ phase: 'fetched', fetched: 251, folded: 100 }), 'X')).toMatchObject({ value: 100, max: 251 });
    expect(relationProgress(syncRelationOf({ phase: 'folded', fetched: 251, folded: 251 }), 'X')).toMatchObject({ value: 1, max: 1, text: 'Done: 251 saved' });
    expect(relationProgress(syncRelationOf({ phase: 'pending' }), 'X')).toMatchObject({ value: 0 });
  });

  it('says why a relation failed', () => {
    expect(relationProgress(syncRelationOf({ phase: 'failed', fetched: 10, folded: 10, lastError: 'X refused access.' }), 'X').text).toBe('X refused access.');
  });
});

describe('isLive and runSummary', () => {
  it('polls while the run is queued, running or waiting, or pages wait to be folded', () => {
    expect(isLive(syncRunOf({ status: 'waiting' }))).toBe(true);
    expect(isLive(syncRunOf({ status: 'completed' }))).toBe(false);
    expect(isLive(syncRunOf({ status: 'completed' }), 2)).toBe(true);
    expect(isLive(null)).toBe(false);
  });

  it('summarises the run in a sentence', () => {
    expect(runSummary(null, 'X')).toBe('Not synced yet.');
    expect(runSummary(syncRunOf({ status: 'failed', lastError: 'Sign in again.' }), 'X')).toBe('Sync failed. Sign in again.');
    expect(runSummary(syncRunOf({ status: 'waiting' }), 'Mastodon')).toBe('Waiting for Mastodon: it limits how fast accounts can be fetched.');
  });
});
