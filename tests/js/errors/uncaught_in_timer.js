// @exit 1
setTimeout(() => {
  null.property;
}, 1);
