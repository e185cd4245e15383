/** What `npm run cli -- help [command]` prints: the commands, then each one's options. */
export const HELP: Record<string, string> = {
  "": `migbench — launch, watch and compare migration campaigns from a terminal or a pipeline

usage: npm run cli -- <command> [options]      (help for one: npm run cli -- <command> --help)

commands:
  launch    queue a campaign (a testbed, its links, VM profiles), optionally wait for it and its verdict
  status    a campaign's outcome and its verdicts against the baselines
  compare   two sets of runs side by side (campaigns, links, testbeds, run ids)

MIGBENCH_URL (http://localhost:3000) and MIGBENCH_TOKEN (an API token, mbt_…) say where and as whom;
--url and --token override them. Exit codes: 0 done; 1 a regression (with --fail-on-regression);
2 bad usage or a refused request; 3 the campaign did not complete.`,
  launch: `usage: npm run cli -- launch --testbed <id|name> --link <id|name> [--link …] --profile <id|name> [--profile …]
                          [--iterations 3] [--time-scale 50] [--name "after deploy"] [--wait] [--fail-on-regression]
       npm run cli -- launch --from-campaign <id> [--name …] [--wait] [--fail-on-regression]   the same matrix again
       npm run cli -- launch --from-schedule <id> [--name …] [--wait] [--fail-on-regression]   a schedule's template, now

Names match without case, spaces or punctuation ("1 x 16 GiB once" is "1 × 16 GiB · once"); a name that matches
nothing says what is near. --links/--profiles also take a comma-separated list (a whole name with a comma in it
still matches). --wait draws progress until the campaign ends; --poll-ms sets how often (2000).`,
  status: `usage: npm run cli -- status <campaign id> [--fail-on-regression]

Prints the campaign's status, its runs by status and its verdicts against the baselines of its series.`,
  compare: `usage: npm run cli -- compare --baseline <selection> --candidate <selection> [--metric durationMs]
                           [--group profile] [--pool] [--baseline-variant <label> --candidate-variant <label>]

A selection is campaign:<id>, link:<id>, testbed:<id> or runs:<id>,<id>…; prints each group's verdict and the
link to the same comparison in the dashboard.`,
};
