//! Node's `getConstructorName`: the name an object prints with, found by walking its prototype
//! chain for a constructor it is an instance of, and (with `showHidden`) the accessors and data
//! that user-defined prototypes contribute.

use rquickjs::function::This;
use rquickjs::{Coerced, Object, Result, Value};

use super::engine::{self, KeyFilter};
use super::{Inspector, KeyId, PropertyKind, to_display_string};

impl<'js> Inspector<'js> {
    /// Node's `getConstructorName`: the name of the first constructor up the prototype chain
    /// that `object` is an instance of; `None` for a null prototype.
    pub(super) fn constructor_name(
        &mut self,
        object: &Object<'js>,
        recurse_times: usize,
        mut proto_props: Option<&mut Vec<String>>,
    ) -> Result<Option<String>> {
        let ctx = self.ctx.clone();
        // `None` until the first step up the chain; then the object's prototype (or null).
        let mut first_proto: Option<Option<Object<'js>>> = None;
        let mut current = Some(object.clone());
        while let Some(obj) = current {
            let well_known = if obj == self.intrinsics.object_proto {
                Some("Object")
            } else if obj == self.intrinsics.function_proto {
                Some("Function")
            } else {
                None
            };
            // `Object.prototype` and `Function.prototype` are recognised even if their
            // `constructor` was tampered with; an object is an instance of them when they are
            // strictly up its chain, which they are unless they are the object itself.
            if let Some(name) = well_known
                && obj != *object
            {
                if let Some(props) = proto_props.as_deref_mut()
                    && first_proto.as_ref().and_then(Option::as_ref) != Some(&obj)
                {
                    let start = first_proto
                        .clone()
                        .flatten()
                        .unwrap_or_else(|| object.clone());
                    self.add_prototype_properties(object, start, recurse_times, props)?;
                }
                return Ok(Some(name.to_owned()));
            }
            let key = self.name("constructor")?;
            if let Some(ctor) = engine::own_property(&ctx, &obj, &key)?
                .and_then(|d| d.value)
                .filter(|v| v.is_function())
                .and_then(|v| v.into_object())
            {
                let name: Value = ctor.get("name")?;
                let name = to_display_string(&ctx, &name)?;
                if !name.is_empty() && self.instance_of(object, &ctor) {
                    if let Some(props) = proto_props.as_deref_mut() {
                        let is_first = first_proto.as_ref().and_then(Option::as_ref) == Some(&obj);
                        if !is_first || !self.is_builtin_constructor(&ctor)? {
                            let start = first_proto
                                .clone()
                                .flatten()
                                .unwrap_or_else(|| object.clone());
                            self.add_prototype_properties(object, start, recurse_times, props)?;
                        }
                    }
                    return Ok(Some(name));
                }
            }
            current = obj.get_prototype();
            if first_proto.is_none() {
                first_proto = Some(current.clone());
            }
        }
        let Some(Some(first_proto)) = first_proto else {
            return Ok(None);
        };
        let class = engine::class_name(&ctx, object);
        if self.too_deep(recurse_times) {
            return Ok(Some(format!("{class} <Complex prototype>")));
        }
        match self.constructor_name(&first_proto, recurse_times + 1, proto_props)? {
            Some(proto_name) => Ok(Some(format!("{class} <{proto_name}>"))),
            None => {
                let mut opts = self.opts.clone();
                opts.depth = -1.0;
                let proto =
                    Inspector::new(&ctx, opts)?.format_value(first_proto.as_value(), 0, false)?;
                Ok(Some(format!("{class} <{proto}>")))
            }
        }
    }

    /// Node's `addPrototypeProperties` (with `showHidden`): the non-method properties that up to
    /// three user-defined prototypes of `main` contribute, such as accessors of a class.
    pub(super) fn add_prototype_properties(
        &mut self,
        main: &Object<'js>,
        mut obj: Object<'js>,
        recurse_times: usize,
        output: &mut Vec<String>,
    ) -> Result<()> {
        let ctx = self.ctx.clone();
        let constructor_key = self.name("constructor")?;
        let mut seen_keys: Vec<KeyId<'js>> = Vec::new();
        let mut keys: Vec<Value<'js>> = Vec::new();
        for depth in 0..3 {
            if depth != 0 || *main == obj {
                let Some(proto) = obj.get_prototype() else {
                    return Ok(());
                };
                obj = proto;
                let ctor = engine::own_property(&ctx, &obj, &constructor_key)?
                    .and_then(|d| d.value)
                    .filter(|v| v.is_function())
                    .and_then(|v| v.into_object());
                if let Some(ctor) = ctor
                    && self.is_builtin_constructor(&ctor)?
                {
                    return Ok(());
                }
            }
            if depth != 0 {
                for key in keys.drain(..) {
                    seen_keys.push(self.key_id(&key));
                }
            }
            keys = engine::own_keys(&ctx, &obj, KeyFilter::All)?;
            self.seen.push(main.clone());
            let result = (|| -> Result<()> {
                for key in &keys {
                    let id = self.key_id(key);
                    if id == KeyId::Name("constructor".to_owned())
                        || engine::has_own(&ctx, main, key)?
                        || (depth != 0 && seen_keys.contains(&id))
                    {
                        continue;
                    }
                    let Some(desc) = engine::own_property(&ctx, &obj, key)? else {
                        continue;
                    };
                    if desc.value.as_ref().is_some_and(|v| v.is_function()) {
                        continue;
                    }
                    let entry = self.format_property(
                        &obj,
                        recurse_times,
                        key,
                        PropertyKind::Object,
                        Some(desc),
                        Some(main),
                    )?;
                    output.push(entry);
                }
                Ok(())
            })();
            self.seen.pop();
            result?;
        }
        Ok(())
    }

    /// `key` in a form that compares string keys by content.
    pub(super) fn key_id(&self, key: &Value<'js>) -> KeyId<'js> {
        if key.is_symbol() {
            KeyId::Symbol(key.clone())
        } else {
            KeyId::Name(engine::lossy_string(&self.ctx, key))
        }
    }

    /// Whether `ctor` is one of the runtime's built-in classes (node checks the global names; a
    /// native constructor with a class-like name is the same set without depending on which
    /// globals exist).
    pub(super) fn is_builtin_constructor(&self, ctor: &Object<'js>) -> Result<bool> {
        let name: Value = ctor.get("name")?;
        let name = name
            .as_string()
            .and_then(|s| s.to_string().ok())
            .unwrap_or_default();
        let class_like = name.len() > 1
            && name.starts_with(|c: char| c.is_ascii_uppercase())
            && name.chars().all(|c| c.is_ascii_alphanumeric());
        if !class_like {
            return Ok(false);
        }
        let source = self
            .intrinsics
            .function_to_string
            .call::<_, Coerced<String>>((This(ctor.clone()),));
        Ok(source
            .map(|s| s.0.contains("[native code]"))
            .unwrap_or_else(|_| {
                let _ = self.ctx.catch();
                false
            }))
    }

    /// `object instanceof ctor`, false where `instanceof` would throw.
    pub(super) fn instance_of(&self, object: &Object<'js>, ctor: &Object<'js>) -> bool {
        // SAFETY: both values are live; a negative result means an exception is pending, which
        // we clear.
        let result = unsafe {
            rquickjs::qjs::JS_IsInstanceOf(
                self.ctx.as_raw().as_ptr(),
                object.as_raw(),
                ctor.as_raw(),
            )
        };
        if result < 0 {
            let _ = self.ctx.catch();
        }
        result > 0
    }
}
