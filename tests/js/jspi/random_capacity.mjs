// @argv --jspi-resident-stacks 4 --jspi-max-stacks 40 $FILE 40
// The random schedule of random_schedule.mjs with at most 40 stacks: a call that finds none
// idle and no room for another is refused with a RangeError before it runs, and each call that
// traps leaves its stack behind for good (see trapped_stacks.js), so after 40 traps in all
// every call is refused. The script counts the stacks the way baton must (made, lost, running;
// a call's stack is free once its Wasm called `done`) and checks every call was refused exactly
// when no stack was left, and ran correctly otherwise.
import "./random_schedule.mjs";
