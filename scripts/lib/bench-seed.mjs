// Realistic data for the benchmark, written through the API as a user would: accounts added by hand and reasons of
// 50–600 characters (some Unicode) with tags from a small vocabulary. Deterministic, so runs compare.

/** A word found in about one reason in ten (the search load), and one planted in three reasons only (a full scan). */
export const commonWord = 'giveaway';
export const rareWord = 'quokka';
const rarePlantings = 3;

const tagVocabulary = ['spam', 'harassment', 'bot', 'crypto', 'politics', 'pile-on', 'impersonation', 'ads', 'friend', 'work', 'news', 'art', 'tech', 'nsfw', 'mutuals'];
const actions = ['block', 'block', 'block', 'mute', 'mute', 'follow', 'unblock', 'unmute', 'unfollow', 'other'];
const sentences = [
  'Replied to every post of mine with the same link to a crypto giveaway.',
  'Quote-tweeted my thread about the bus strike to call me a liar, then their followers piled on for two days.',
  'Posts nothing but engagement bait and ragebait about the election; I kept seeing it through retweets.',
  'Friend from the climbing gym, always shares the route-setting schedule.',
  'Impersonating a journalist I follow, same avatar and a handle with an extra underscore.',
  'Sent me three DMs after I said no, each one more aggressive than the last.',
  'Great threads on PostgreSQL internals and query planning; follow for the EXPLAIN walkthroughs.',
  'Muted during the football tournament, every second post was a live score.',
  'Bot network: forty accounts created the same week, identical bios, all pushing the same token.',
  'Colleague from the Berlin office — keeps me posted on the release calendar.',
  'Dug up a ten-year-old post of mine and misquoted it; reported, nothing happened.',
  'Artist whose sketchbook posts I love. Commissions open twice a year.',
  'Keeps tagging me in a giveaway I never entered; clicking the link asks for my wallet seed.',
  'Unblocked after they apologised in public; let us see how it goes.',
  'Their replies are fine but the quote-tweets are relentless. Muting instead of blocking for now.',
  'Local news account, useful during the floods, noisy otherwise.',
  'Blocked on sight: slurs in the bio.',
  'Was tagged in a pile-on by someone I follow; blocking the people who joined, not the one who started it.',
  'Café Ünïcode owner; posts the daily menu with photos 🍜🥐☕.',
  'Schreibt über Datenschutz und Verschlüsselung, meistens auf Deutsch — sehr lesenswert.',
  'Écrit des fils sur l’histoire de la typographie ; j’ai appris beaucoup.',
  '日本語でゲーム開発について投稿している。英語の翻訳もある。',
  'Публикует новости о выборах, часто без источников.',
  'Posts the same advertisement every hour. 📢📢📢',
  'Followed back after the conference talk on accessible design; their slides are worth keeping.',
  'Sells followers and likes. Reported as spam.',
  'Old classmate; mostly photos of their dog 🐕 and sourdough.',
  'Asked for my address “as a joke” in a reply. Not a joke. Blocked and saved screenshots.',
];

/** A small deterministic generator (mulberry32), so every run seeds the same texts. */
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (next, list) => list[Math.floor(next() * list.length)];

/** A reason's text of 50–600 characters made of whole sentences; `word` (if any) is worked in. */
export function reasonText(next, word) {
  const target = 50 + Math.floor(next() ** 2 * 550); // mostly short, some long
  const parts = word ? [`Another ${word} post.`] : [];
  while (parts.join(' ').length < target) parts.push(pick(next, sentences));
  let text = parts.join(' ');
  if (text.length > 600) text = text.slice(0, 600).replace(/\s+\S*$/, '');
  return text.length >= 50 ? text : `${text} ${pick(next, sentences)}`.slice(0, 600);
}

function reasonBody(next, accountId, word) {
  const tagCount = Math.floor(next() * 4);
  const tags = [...new Set(Array.from({ length: tagCount }, () => pick(next, tagVocabulary)))];
  return { accountId, action: pick(next, actions), text: reasonText(next, word), tags };
}

const names = ['Ana', 'Zoë Müller', '李雷', 'Oluwaseun', 'José Ángel', 'Priya 🌻', 'Søren', 'Mia', 'Ahmed', 'Łucja', 'Kenji', 'Noor ✨'];

function accountBody(userIndex, n) {
  const id = 2_100_000_000 + userIndex * 100_000 + n;
  return { providerAccountId: String(id), handle: `acct${userIndex}_${n}`, displayName: `${names[n % names.length]} ${n}` };
}

/** Runs `task(i)` for i in [0, count) with `concurrency` in flight; the first failure stops it. */
export async function inParallel(count, concurrency, task) {
  let next = 0;
  const results = new Array(count);
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

/**
 * Gives one user `accountCount` accounts and `reasonCount` reasons: every account gets one, the rest go to a few
 * accounts much more than others. Returns the account ids and the reasons ({ id, accountId, version }).
 */
export async function seedUser(client, { userIndex, accountCount, reasonCount, concurrency = 16 }) {
  const next = random(userIndex + 1);
  const accountIds = await inParallel(accountCount, concurrency, async (n) =>
    (await client.post('/api/accounts', accountBody(userIndex, n))).body.id);
  const owners = Array.from({ length: reasonCount }, (_, i) => (i < accountCount ? i : Math.floor(next() ** 3 * accountCount)));
  const bodies = owners.map((owner, i) => {
    const word = i % Math.floor(reasonCount / rarePlantings) === 7 ? rareWord : next() < 0.1 ? commonWord : null;
    return reasonBody(next, accountIds[owner], word);
  });
  const reasons = await inParallel(reasonCount, concurrency, async (i) => {
    const { body } = await client.post('/api/reasons', bodies[i]);
    return { id: body.id, accountId: body.accountId, version: body.version };
  });
  return { accountIds, reasons };
}

/** A new reason body for the write load (create and update): the same generator, another stream. */
export function reasonMaker(seed) {
  const next = random(seed);
  return (accountId) => reasonBody(next, accountId, null);
}
