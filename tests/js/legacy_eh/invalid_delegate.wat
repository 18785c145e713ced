;; Invalid: delegate 1 names no label (only the function's, 0, encloses the try).
(module (func try delegate 1))
