"""The tally: SPEC's counting rules over one round's files, as a frozen outcome, and its renderings.

One module per rule family, each pure (no disk, no clock, no git: history comes in as `Provenance`):

- `outcome`: the frozen result (`TallyOutcome`) and the wording-free `Reason` (a code and its parameters);
- `ballots`: rule 1, a ballot valid or invalid as a whole (schema, member, deadline, signature, sealed);
- `votes`: rule 2, each vote of a valid ballot (over-voting, unknown, wrong type, recusal, repeats);
- `ranking`: rules 3 and 4, quorum, threshold, shared ranks and the quota's cut;
- `runoff`: rule 5, a called runoff orders a tied group;
- `lateness`: an application that reached main after the close takes no part;
- `count`: `tally_round`, the rules applied in order to one round;
- `record`: the versioned JSON record that an approval pins (`format`), and its sha256;
- `report`: the text and CSV for people, worded from the message catalog;
- `checks`: the same verdicts as findings, for `kczy validate` and `kczy check-pr`.
"""
