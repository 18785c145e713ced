//! How `inspect` shows Error objects: the stack, with the header adjusted to the error's class,
//! then own extra properties, `[cause]` and `[errors]` in braces.
//!
//! V8's `stack` starts with a `Name: message` header; QuickJS's holds only the frames. To print
//! what node prints, a stack that is only frames (or empty) gets the header that
//! `Error.prototype.toString` gives, computed when the error is inspected; V8 also builds it
//! lazily, on first access, so errors that set `this.name` in their constructor print the same.

use rquickjs::{Object, Result, Value};

use super::{Inspector, get_prefix, to_display_string, truthy};

impl<'js> Inspector<'js> {
    /// Node's `isError`: a native error, or anything that inherits from `Error`.
    pub(super) fn is_error(&self, object: &Object<'js>, class: &str) -> bool {
        class == "Error" || self.instance_of(object, &self.intrinsics.error_ctor)
    }

    /// Node's `formatError`: the stack (indented to the current level), taking out of `keys` the
    /// properties the stack already shows and adding `cause` and `errors`.
    pub(super) fn format_error(
        &mut self,
        error: &Object<'js>,
        constructor: Option<&str>,
        tag: &str,
        keys: &mut Vec<Value<'js>>,
    ) -> Result<String> {
        let name: Value = error.get("name")?;
        let name = if name.is_null() || name.is_undefined() {
            "Error".to_owned()
        } else {
            to_display_string(&self.ctx, &name)?
        };
        let mut stack = self.stack_string(error)?;
        self.remove_duplicate_error_keys(error, keys, &stack)?;
        for extra in ["cause", "errors"] {
            let present = if extra == "cause" {
                error.contains_key(extra)?
            } else {
                error.get::<_, Value>(extra)?.is_array()
            };
            if present && !self.has_key(keys, extra) {
                keys.push(self.name(extra)?);
            }
        }
        stack = improve_stack(&stack, constructor, &name, tag);

        // Frames start after the message, which may itself contain "\n    at".
        let message: Value = error.get("message")?;
        let mut search_from = 0;
        if truthy(&message) {
            let message = to_display_string(&self.ctx, &message)?;
            // Node's `indexOf(...) || -1` also skips a message found at the very start.
            if let Some(pos) = stack.find(&message).filter(|&pos| pos != 0) {
                search_from = pos + message.len();
            }
        }
        match stack[search_from..].find("\n    at") {
            None => stack = format!("[{stack}]"),
            Some(start) => {
                let start = search_from + start;
                let frames = self.stack_frames(error, &stack[start + 1..])?;
                stack = format!("{}\n{}", &stack[..start], frames.join("\n"));
            }
        }
        if self.indentation != 0 {
            stack = stack.replace('\n', &format!("\n{}", " ".repeat(self.indentation)));
        }
        Ok(stack)
    }

    /// Node's `getStackString`, with QuickJS's frames-only stacks given their header.
    fn stack_string(&self, error: &Object<'js>) -> Result<String> {
        let stack: Value = error.get("stack")?;
        if !truthy(&stack) {
            return self.error_to_string(error);
        }
        let text = to_display_string(&self.ctx, &stack)?;
        let frames = text.trim_end_matches('\n');
        if frames.is_empty() || frames.starts_with("    at ") {
            let header = self.error_to_string(error)?;
            return Ok(if frames.is_empty() {
                header
            } else {
                format!("{header}\n{frames}")
            });
        }
        Ok(text)
    }

    /// `Error.prototype.toString` applied to `error`.
    fn error_to_string(&self, error: &Object<'js>) -> Result<String> {
        let name: Value = error.get("name")?;
        let message: Value = error.get("message")?;
        let name = if name.is_undefined() {
            "Error".to_owned()
        } else {
            to_display_string(&self.ctx, &name)?
        };
        let message = if message.is_undefined() {
            String::new()
        } else {
            to_display_string(&self.ctx, &message)?
        };
        Ok(match (name.is_empty(), message.is_empty()) {
            (true, _) => message,
            (_, true) => name,
            _ => format!("{name}: {message}"),
        })
    }

    fn has_key(&self, keys: &[Value<'js>], name: &str) -> bool {
        keys.iter().any(|key| {
            key.as_string()
                .and_then(|s| s.to_string().ok())
                .is_some_and(|s| s == name)
        })
    }

    /// Drops `name`, `message` and `stack` from `keys` when the stack already shows their value.
    fn remove_duplicate_error_keys(
        &self,
        error: &Object<'js>,
        keys: &mut Vec<Value<'js>>,
        stack: &str,
    ) -> Result<()> {
        if self.opts.show_hidden || keys.is_empty() {
            return Ok(());
        }
        for name in ["name", "message", "stack"] {
            let position = keys.iter().position(|key| {
                key.as_string()
                    .and_then(|s| s.to_string().ok())
                    .is_some_and(|s| s == name)
            });
            if let Some(index) = position {
                let value: Value = error.get(name)?;
                if stack.contains(&to_display_string(&self.ctx, &value)?) {
                    keys.remove(index);
                }
            }
        }
        Ok(())
    }

    /// Node's `getStackFrames`: the frame lines, with a run shared with the cause's stack
    /// replaced by `... N lines matching cause stack trace ...`.
    fn stack_frames(&self, error: &Object<'js>, frames: &str) -> Result<Vec<String>> {
        let mut lines: Vec<String> = frames.split('\n').map(str::to_owned).collect();
        // A throwing `cause` getter is ignored, as in node.
        let cause = match error.get::<_, Value>("cause") {
            Ok(cause) => cause,
            Err(_) => {
                let _ = self.ctx.catch();
                return Ok(lines);
            }
        };
        let Some(cause) = cause.as_object() else {
            return Ok(lines);
        };
        let class = super::engine::class_name(&self.ctx, cause);
        if !self.is_error(cause, &class) {
            return Ok(lines);
        }
        let cause_stack = self.stack_string(cause)?;
        if let Some(start) = cause_stack.find("\n    at") {
            let cause_frames: Vec<&str> = cause_stack[start + 1..].split('\n').collect();
            let (len, offset) = identical_sequence_range(&lines, &cause_frames);
            if len > 0 {
                let skipped = len - 2;
                let message = format!("    ... {skipped} lines matching cause stack trace ...");
                lines.splice(offset + 1..offset + 1 + skipped, [message]);
            }
        }
        Ok(lines)
    }
}

/// Node's `identicalSequenceRange`: the first run of more than three lines of `a` that also
/// appears in `b`, as `(length, offset in a)`; `(0, 0)` if there is none.
fn identical_sequence_range(a: &[String], b: &[&str]) -> (usize, usize) {
    for i in 0..a.len().saturating_sub(3) {
        let Some(pos) = b.iter().position(|line| *line == a[i]) else {
            continue;
        };
        let rest = b.len() - pos;
        if rest > 3 {
            let max_len = (a.len() - i).min(rest);
            let mut len = 1;
            while max_len > len && a[i + len] == b[pos + len] {
                len += 1;
            }
            if len > 3 {
                return (len, i);
            }
        }
    }
    (0, 0)
}

/// Node's `improveStack`: makes the stack's header name the error's class when the stack was
/// built for a parent class (`MyError: msg` instead of `Error: msg`), or marks a null prototype.
fn improve_stack(stack: &str, constructor: Option<&str>, name: &str, tag: &str) -> String {
    let mut len = name.len();
    let regular = name.ends_with("Error")
        && stack.starts_with(name)
        && matches!(stack.as_bytes().get(len), None | Some(b':' | b'\n'));
    if constructor.is_some() && !regular {
        return stack.to_owned();
    }
    let mut fallback = "Error".to_owned();
    if constructor.is_none() {
        let start = header_name(stack).unwrap_or("");
        len = start.len();
        if !start.is_empty() {
            fallback = start.to_owned();
        }
    }
    let prefix = get_prefix(constructor, tag, &fallback, "");
    let prefix = prefix.strip_suffix(' ').unwrap_or(&prefix);
    if name == prefix {
        return stack.to_owned();
    }
    if prefix.contains(name) {
        if len == 0 {
            format!("{prefix}: {stack}")
        } else {
            format!("{prefix}{}", &stack[len..])
        }
    } else {
        format!("{prefix} [{name}]{}", &stack[len..])
    }
}

/// The error name a stack starts with, for errors without a prototype: node's
/// `/^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n {4}at)/` or `/^([a-z_A-Z0-9-]*Error)$/`.
fn header_name(stack: &str) -> Option<&str> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || " _[]()-".contains(c);
    let run = stack.find(|c: char| !allowed(c)).unwrap_or(stack.len());
    let candidate = &stack[..run];
    let rest = &stack[run..];
    if candidate.len() >= 2
        && candidate.starts_with(|c: char| c.is_ascii_uppercase())
        && (rest.starts_with(':') || rest.starts_with("\n    at"))
    {
        return Some(candidate);
    }
    let whole = stack.ends_with("Error")
        && stack
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    whole.then_some(stack)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subclass_names_replace_the_parent_in_the_header() {
        let stack = "Error: custom\n    at f (a.js:1:1)";
        assert_eq!(
            improve_stack(stack, Some("MyError"), "Error", ""),
            "MyError: custom\n    at f (a.js:1:1)"
        );
        // A name that is not the class's gets both.
        assert_eq!(
            improve_stack("TypeError: x", Some("Foo"), "TypeError", ""),
            "Foo [TypeError]: x"
        );
        // Nothing to improve when they agree, or when the stack does not start with the name.
        assert_eq!(
            improve_stack("TypeError: x", Some("TypeError"), "TypeError", ""),
            "TypeError: x"
        );
        assert_eq!(
            improve_stack("custom text", Some("Error"), "Error", ""),
            "custom text"
        );
    }

    #[test]
    fn null_prototype_errors_are_marked() {
        assert_eq!(
            improve_stack("Error: x\n    at f", None, "Error", ""),
            "[Error: null prototype]: x\n    at f"
        );
        assert_eq!(header_name("RangeError"), Some("RangeError"));
        assert_eq!(header_name("lower: x"), None);
    }

    #[test]
    fn shared_frames_with_the_cause_are_found() {
        let a: Vec<String> = ["at a", "at x", "at y", "at z", "at w"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let b = ["at b", "at x", "at y", "at z", "at w"];
        assert_eq!(identical_sequence_range(&a, &b), (4, 1));
        let short = ["at x", "at y", "at q"];
        assert_eq!(identical_sequence_range(&a, &short), (0, 0));
    }
}
