//! `setTimeout`, `setInterval`, `clearTimeout`, `clearInterval`, and `performance`.
//!
//! Timers follow node where the HTML spec and node differ: a delay below 1 ms (or NaN, or above
//! 2^31 - 1 ms) becomes 1 ms, and timers due at the same time run in the order they were set.
//! Ids are positive integers, as in browsers and d8, so they can be stored in Wasm-friendly ints.
//! The scheduling itself lives in `event_loop.rs`.

use std::rc::Rc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rquickjs::function::{Opt, Rest};
use rquickjs::{Coerced, Ctx, Exception, Function, Object, Result, Value};

use crate::event_loop::EventLoop;

/// The largest delay a timer accepts, as in browsers and node (a signed 32-bit millisecond count).
const MAX_DELAY_MS: f64 = 2_147_483_647.0;

pub(crate) fn install<'js>(ctx: &Ctx<'js>, event_loop: &Rc<EventLoop>) -> Result<()> {
    let globals = ctx.globals();
    for (name, repeat) in [("setTimeout", false), ("setInterval", true)] {
        let event_loop = event_loop.clone();
        let schedule = Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>,
                  callback: Value<'js>,
                  delay: Opt<Coerced<f64>>,
                  args: Rest<Value<'js>>| {
                let Some(callback) = callback.into_function() else {
                    return Err(Exception::throw_type(
                        &ctx,
                        &format!("{name}: the callback must be a function"),
                    ));
                };
                let delay = delay_of(delay.0.map(|d| d.0));
                Ok(event_loop.add_timer(&ctx, callback, args.0, delay, repeat))
            },
        )?
        .with_name(name)?;
        globals.set(name, schedule)?;
    }
    for name in ["clearTimeout", "clearInterval"] {
        let event_loop = event_loop.clone();
        let clear = Function::new(ctx.clone(), move |id: Opt<Value<'_>>| {
            // Non-numeric ids (undefined, objects) are ignored, as in browsers.
            if let Some(id) = id.0.and_then(|v| v.as_number())
                && id >= 1.0
                && id <= f64::from(u32::MAX)
                && id.fract() == 0.0
            {
                event_loop.clear_timer(id as u32);
            }
        })?
        .with_name(name)?;
        globals.set(name, clear)?;
    }

    let performance = Object::new(ctx.clone())?;
    let origin = event_loop.origin();
    let now = Function::new(ctx.clone(), move || origin.elapsed().as_secs_f64() * 1000.0)?
        .with_name("now")?;
    performance.set("now", now)?;
    let time_origin = SystemTime::now()
        .checked_sub(origin.elapsed())
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    performance.set("timeOrigin", time_origin)?;
    globals.set("performance", performance)?;
    Ok(())
}

/// The delay a timer waits for a requested number of milliseconds (node's clamping).
fn delay_of(requested: Option<f64>) -> Duration {
    let ms = requested.unwrap_or(0.0);
    let ms = if ms.is_nan() || !(1.0..=MAX_DELAY_MS).contains(&ms) {
        1.0
    } else {
        ms.trunc()
    };
    Duration::from_millis(ms as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_clamp_like_node() {
        assert_eq!(delay_of(None), Duration::from_millis(1));
        assert_eq!(delay_of(Some(0.0)), Duration::from_millis(1));
        assert_eq!(delay_of(Some(-5.0)), Duration::from_millis(1));
        assert_eq!(delay_of(Some(f64::NAN)), Duration::from_millis(1));
        assert_eq!(delay_of(Some(2.9)), Duration::from_millis(2));
        assert_eq!(delay_of(Some(1e12)), Duration::from_millis(1));
        assert_eq!(delay_of(Some(250.0)), Duration::from_millis(250));
    }
}
