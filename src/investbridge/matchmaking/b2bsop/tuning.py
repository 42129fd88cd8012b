"""Every tuned constant of the B2BSOP portfolio (`portfolio.solve_b2b`), in one place.

Read at call time (`tuning.NAME`), so that `bench/scheduler_jair.py --set NAME=VALUE` can measure another
value (in the parent process only: the SAT searches' child processes import this module afresh).

Shares are fractions of the call's time limit. What each one does, why it has its value and how it was
measured is in docs/scheduler.md ("Tuned constants of the B2BSOP portfolio").
"""

#: Phase 1 (a schedule without any break) may use this share of the time limit.
BLOCK_PHASE_SHARE = 0.25

#: Without the SAT search, phase 2 (few participants off a single block) runs until
#: BLOCK_PHASE_SHARE + RELAXED_PHASE_SHARE of the time limit; the exact model gets the rest.
RELAXED_PHASE_SHARE = 0.65

#: With the SAT search, phases 2 and 3 run until this share of the time limit (or until the SAT search ends);
#: the exact CP-SAT model gets the rest.
SAT_PHASE_END = 0.97

#: The loose relaxed model must find a schedule by this share of the time limit, else the plain one runs.
FIRST_SCHEDULE_SHARE = 0.5

#: When CP-SAT's relaxed phase is still HANDOVER_GAP or more breaks above the SAT search's proven bound after
#: HANDOVER_SHARE of the time limit, it stops and hands its core to two SAT searches (another seed, fresh).
HANDOVER_SHARE = 0.4
HANDOVER_GAP = 8

#: When CP-SAT's relaxed phase is fewer than HANDOVER_GAP but still some breaks above the proven bound after
#: this share of the time limit, a SAT search downwards from its best schedule joins in.
DOWNWARD_SHARE = 0.3

#: The exact model's CP-SAT workers, in the order they are added as `workers` grows: core-guided search first
#: (it works up from the lower bound like the paper's MaxSAT solvers), then LP-based search.
EXACT_PORTFOLIO = [
    "core",
    "default_lp",
    "max_lp",
    "no_lp",
    "quick_restart",
    "pseudo_costs",
    "probing",
    "fixed",
]

#: The SAT solver of PySAT (CaDiCaL 1.9.5).
SAT_SOLVER = "cadical195"

#: How often the watcher of a CP-SAT phase looks at the SAT searches and the clock (seconds).
WATCH_SECONDS = 0.1

#: How long phase 3 waits for each SAT search's messages in one round (seconds).
SAT_POLL_SECONDS = 0.05

#: The shortest time limit given to a CP-SAT call (seconds; a zero limit would mean none).
MIN_CP_SAT_SECONDS = 0.05
