// @exit 1
print("must not run");
export const = 3;
