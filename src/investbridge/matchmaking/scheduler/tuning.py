"""Every tuned constant of the product's scheduler (`solver.solve`), in one place.

Read at call time (`tuning.NAME`), so a test can change one. What each does, why it has its value and how it
was measured is in docs/scheduler.md ("Tuned constants of the product's scheduler").
"""

#: Above this many (meeting, possible slot) pairs the solver improves the greedy schedule by neighbourhood
#: search instead of one CP-SAT model of the whole event.
FULL_MODEL_LIMIT = 20_000

#: The whole-event CP-SAT model gets this share of the remaining time, minus DECODE_SECONDS (CP-SAT may
#: overrun its limit a little in presolve on big models; the rest is kept for decoding and the result).
CP_SAT_TIME_SHARE = 0.9
DECODE_SECONDS = 0.1

#: The shortest time limit the whole-event model gets, however little time is left (seconds).
MIN_CP_SAT_SECONDS = 0.1

#: With `SolveOptions.deterministic`, CP-SAT's deterministic-time limit is this share of its wall-clock limit,
#: so that the deterministic limit (same schedule for the same inputs and seed) is normally reached first.
DETERMINISTIC_SHARE = 0.6

#: Neighbourhood search: a round frees the meetings of connected participants until at least this many
#: meetings are free, and gives CP-SAT at most NEIGHBOURHOOD_SECONDS on them.
NEIGHBOURHOOD_MEETINGS = 60
NEIGHBOURHOOD_SECONDS = 2.0

#: Neighbourhood search: the share of rounds that start from a participant with breaks or unscheduled
#: meetings (the others start from any participant, to get out of local optima).
TROUBLED_SHARE = 0.8

#: While CP-SAT searches with a progress callback, a report is made at least this often (seconds).
HEARTBEAT_SECONDS = 0.5
