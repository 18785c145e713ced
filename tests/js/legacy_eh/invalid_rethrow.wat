;; Invalid: rethrow must name a catch block, and label 0 here is the try's body.
(module (func try rethrow 0 end))
