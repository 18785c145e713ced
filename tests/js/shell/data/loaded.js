var loadedValue = 41 + 1;
function loadedFunction() { return before; }
