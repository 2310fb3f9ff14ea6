/**
 * Prose written by the Warrant team for tests and the demo: a short, invented-in-our-words brief
 * in the style of the sources analysts read. Not quoted from any publication.
 */
export const BRIEF_MARKDOWN = `# The October exchange

In October 2020 the authorities in Bamako released a large group of detainees. **Most counts put the
number at 206**, although one ministry figure was lower.

## What was reported

- Sophie Pétronin, held since 2016, was freed in the same exchange.
- A former minister, named in reports as *Soumaïla Cissé*, was released as well.
- Several outlets wrote that a ransom changed hands; the sums quoted ranged from 2.5 to 10 million euros.
- One outlet reported that an intermediary in the talks worked for a foreign intelligence service; nobody confirmed it.

> Nobody who negotiated the deal has described it on the record.

| Claim | Reported by | Figure |
| --- | --- | --- |
| Prisoners released | two outlets | 206 |
| Ransom paid | one outlet | €10M |

See the [timeline](https://example.org/timeline) for the sequence of events.
`;

export const BRIEF_PLAIN_TEXT =
  'Ibrahim Boubacar Keïta had left office by then.\r\nThe transition authorities handled the talks.\r\n\r\n' +
  'Pétronin flew out of Bamako the next day.\r\n';
