// The process stays alive while a timer is pending and exits once nothing is left.
let n = 0;
function again() { if (++n < 5) setTimeout(again, 1); else print("done after", n); }
again();
