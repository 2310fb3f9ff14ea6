/**
 * The demo workspace's second document: a desk note, written by the Warrant team for the demo,
 * that sets the ransom figures reported after the October exchange side by side, in the currencies
 * they were reported in. Its claims (./demo-briefing.ts) give the topic "How much ransom was
 * paid?" values of different magnitudes for the number line, and the ACH matrix its rows.
 */
export const DESK_NOTE_METADATA = {
  title: 'Ransom figures, side by side (demo desk note)',
  author: 'Warrant team',
  outlet: 'Warrant demo',
  publishedOn: '2020-10-20',
  language: 'en',
  notes: 'Written for the demo. The figures are kept as reported; none of them is confirmed.',
} as const;

export const DESK_NOTE_MARKDOWN = `# Ransom figures, side by side

A week after the October exchange the desk listed every sum that outlets had attached to it.
They are kept here in the currency each outlet used: converting them would hide who said what.

- A local radio station put the ransom at 400,000 euros, paid in two instalments.
- A wire report spoke of 12 million US dollars, without naming its source.
- A regional daily wrote that 6 billion CFA francs had been set aside by the intermediaries.

None of these outlets has shown a document that records a payment.
`;
