//! Node's `formatRaw`: what kind of object a value is, the prefix it prints with (`Foo`,
//! `Map(2)`, `[Object: null prototype]`, `Object [Tag]`), and which entries go between its braces,
//! before `layout` decides how they share lines.
//!
//! The kind comes from the engine's internal class, never from the object's (replaceable)
//! `constructor` or `Symbol.toStringTag`; those only name it.

use rquickjs::function::This;
use rquickjs::{Coerced, Object, Result, Type, Value};

use super::builtins::array_length;
use super::engine::{self, KeyFilter};
use super::layout::{self, Compact, Entries};
use super::{Contents, Inspector, PropertyKind, get_prefix, text};

impl<'js> Inspector<'js> {
    /// Node's `formatRaw`: works out the kind of object, its prefix and its entries.
    pub(super) fn format_raw(
        &mut self,
        object: &Object<'js>,
        recurse_times: usize,
        typed_array: bool,
    ) -> Result<String> {
        let ctx = self.ctx.clone();
        let mut proto_props =
            (self.opts.show_hidden && !self.too_deep(recurse_times)).then(Vec::new);
        let constructor = self.constructor_name(object, recurse_times, proto_props.as_mut())?;
        if proto_props.as_ref().is_some_and(Vec::is_empty) {
            proto_props = None;
        }
        let constructor = constructor.as_deref();
        let tag = self.to_string_tag(object)?;
        let class = engine::class_name(&ctx, object);
        let filter = if self.opts.show_hidden {
            KeyFilter::All
        } else {
            KeyFilter::Enumerable
        };
        let no_props =
            |keys: &[Value<'js>], proto: &Option<Vec<String>>| keys.is_empty() && proto.is_none();

        let mut base = String::new();
        let mut contents = Contents::None;
        let mut braces = ("{".to_owned(), "}".to_owned());
        let mut entries = Entries::Object;
        let mut keys: Option<Vec<Value<'js>>> = None;

        let iterator = rquickjs::Symbol::iterator(ctx.clone());
        if constructor.is_none() || object.contains_key(iterator)? {
            if object.is_array() {
                let length = array_length(object)?;
                let prefix = if constructor != Some("Array") || !tag.is_empty() {
                    get_prefix(constructor, &tag, "Array", &format!("({length})"))
                } else {
                    String::new()
                };
                let own = self.non_index_keys(object, filter)?;
                braces = (format!("{prefix}["), "]".to_owned());
                if length == 0 && no_props(&own, &proto_props) {
                    return Ok(format!("{}]", braces.0));
                }
                keys = Some(own);
                entries = Entries::Array;
                contents = Contents::Array;
            } else if class == "Set" || class == "Map" {
                let items = self.collection_entries(object, class == "Map")?;
                let prefix = get_prefix(constructor, &tag, &class, &format!("({})", items.len()));
                let own = engine::own_keys(&ctx, object, filter)?;
                if items.is_empty() && no_props(&own, &proto_props) {
                    return Ok(format!("{prefix}{{}}"));
                }
                braces = (format!("{prefix}{{"), "}".to_owned());
                keys = Some(own);
                contents = if class == "Map" {
                    Contents::Map(items)
                } else {
                    Contents::Set(items.into_iter().map(|(_, v)| v).collect())
                };
            } else if let Some((name, length)) = engine::typed_array(&ctx, object) {
                let own = self.non_index_keys(object, filter)?;
                let fallback = if constructor.is_none() { name } else { "" };
                let prefix = get_prefix(constructor, &tag, fallback, &format!("({length})"));
                braces = (format!("{prefix}["), "]".to_owned());
                if length == 0 && own.is_empty() && !self.opts.show_hidden {
                    return Ok(format!("{}]", braces.0));
                }
                keys = Some(own);
                entries = Entries::Array;
                contents = Contents::TypedArray(length);
            } else if class == "Map Iterator" || class == "Set Iterator" {
                // Node previews the entries left; QuickJS cannot without consuming them.
                keys = Some(engine::own_keys(&ctx, object, filter)?);
                let label = if tag.is_empty() || tag == class {
                    class.clone()
                } else {
                    format!("{tag}] [{class}")
                };
                braces = (format!("[{label}] {{"), "}".to_owned());
                contents = Contents::Unknown;
            }
        }
        let keys = match keys {
            Some(keys) => keys,
            None => {
                let mut keys = match engine::own_keys(&ctx, object, filter) {
                    Ok(keys) => keys,
                    // Checking which keys of a module namespace are enumerable reads its
                    // bindings, which throws for one not initialized yet; they all are.
                    Err(_)
                        if engine::is_module_namespace(
                            &ctx,
                            object,
                            &self.intrinsics.to_string_tag,
                        ) =>
                    {
                        let _ = ctx.catch();
                        engine::own_keys(&ctx, object, KeyFilter::Strings)?
                    }
                    Err(e) => return Err(e),
                };
                if object.as_value().is_function() {
                    base = self.function_base(object, constructor, &tag)?;
                    if no_props(&keys, &proto_props) {
                        return Ok(base);
                    }
                } else if constructor == Some("Object") {
                    if class == "Arguments" {
                        braces.0 = "[Arguments] {".to_owned();
                    } else if !tag.is_empty() {
                        braces.0 = format!("{}{{", get_prefix(constructor, &tag, "Object", ""));
                    }
                    if no_props(&keys, &proto_props) {
                        return Ok(format!("{}}}", braces.0));
                    }
                } else if class == "RegExp" {
                    // Without a prototype, `source` and `flags` are not reachable: copy the
                    // regexp (`RegExp(re)` reads its internal slots) to print it.
                    let regexp = match constructor {
                        Some(_) => object.clone().into_value(),
                        None => self.intrinsics.regexp_ctor.call((object.clone(),))?,
                    };
                    base = self
                        .intrinsics
                        .regexp_to_string
                        .call::<_, Coerced<String>>((This(regexp),))?
                        .0;
                    let prefix = get_prefix(constructor, &tag, "RegExp", "");
                    if prefix != "RegExp " {
                        base = format!("{prefix}{base}");
                    }
                    if no_props(&keys, &proto_props) || self.too_deep(recurse_times) {
                        return Ok(base);
                    }
                } else if class == "Date" {
                    let time: f64 = self
                        .intrinsics
                        .date_get_time
                        .call((This(object.clone()),))?;
                    let format = if time.is_nan() {
                        &self.intrinsics.date_to_string
                    } else {
                        &self.intrinsics.date_to_iso_string
                    };
                    base = format
                        .call::<_, Coerced<String>>((This(object.clone()),))?
                        .0;
                    let prefix = get_prefix(constructor, &tag, "Date", "");
                    if prefix != "Date " {
                        base = format!("{prefix}{base}");
                    }
                    if no_props(&keys, &proto_props) {
                        return Ok(base);
                    }
                } else if self.is_error(object, &class) {
                    base = self.format_error(object, constructor, &tag, &mut keys)?;
                    if no_props(&keys, &proto_props) {
                        return Ok(base);
                    }
                } else if engine::is_array_buffer(&ctx, object) {
                    let prefix = get_prefix(constructor, &tag, &class, "");
                    if !typed_array {
                        contents = Contents::ArrayBuffer;
                    } else if no_props(&keys, &proto_props) {
                        let length: Value = object.get("byteLength")?;
                        let length = self.format_primitive(&length)?;
                        return Ok(format!("{prefix}{{ byteLength: {length} }}"));
                    }
                    braces.0 = format!("{prefix}{{");
                    keys.insert(0, self.name("byteLength")?);
                } else if class == "DataView" {
                    braces.0 = format!("{}{{", get_prefix(constructor, &tag, "DataView", ""));
                    let mut extra = vec![
                        self.name("byteLength")?,
                        self.name("byteOffset")?,
                        self.name("buffer")?,
                    ];
                    extra.append(&mut keys);
                    keys = extra;
                } else if object.as_value().is_promise() {
                    braces.0 = format!("{}{{", get_prefix(constructor, &tag, "Promise", ""));
                    contents = Contents::Promise;
                } else if class == "WeakSet" || class == "WeakMap" {
                    braces.0 = format!("{}{{", get_prefix(constructor, &tag, &class, ""));
                    contents = Contents::Unknown;
                } else if engine::is_module_namespace(&ctx, object, &self.intrinsics.to_string_tag)
                {
                    braces.0 = format!("{}{{", get_prefix(constructor, &tag, "Module", ""));
                    contents = Contents::Namespace(std::mem::take(&mut keys));
                } else if matches!(
                    class.as_str(),
                    "Number" | "String" | "Boolean" | "BigInt" | "Symbol"
                ) {
                    base = self.boxed_base(object, &class, &mut keys, constructor, &tag)?;
                    if no_props(&keys, &proto_props) {
                        return Ok(base);
                    }
                } else {
                    let style = self.ctx_style(object, constructor, &tag);
                    if no_props(&keys, &proto_props) {
                        return Ok(format!("{style}{{}}"));
                    }
                    braces.0 = format!("{style}{{");
                }
                keys
            }
        };

        if self.too_deep(recurse_times) {
            let style = self.ctx_style(object, constructor, &tag);
            let name = style.strip_suffix(' ').unwrap_or(&style);
            return Ok(if constructor.is_some() {
                format!("[{name}]")
            } else {
                name.to_owned()
            });
        }
        let recurse_times = recurse_times + 1;
        self.seen.push(object.clone());
        self.current_depth = recurse_times;
        let output = self.format_entries(object, contents, &keys, entries, recurse_times);
        self.seen.pop();
        let mut output = output?;
        if let Some(proto_props) = proto_props {
            output.extend(proto_props);
        }
        if let Some(index) = self.circular.iter().position(|o| o == object) {
            let reference = format!("<ref *{}>", index + 1);
            if self.opts.compact != Compact::Always {
                base = if base.is_empty() {
                    reference
                } else {
                    format!("{reference} {base}")
                };
            } else {
                braces.0 = format!("{reference} {}", braces.0);
            }
        }
        if self.opts.sorted {
            if entries == Entries::Object {
                output.sort();
            } else if keys.len() > 1 {
                let start = output.len() - keys.len();
                output[start..].sort();
            }
        }
        let pad_start = entries != Entries::Array
            || output.len() <= 6
            || self.all_numeric(object, output.len())?;
        let result = layout::reduce_to_single_string(
            &self.layout(),
            output,
            &base,
            (&braces.0, &braces.1),
            entries,
            recurse_times,
            pad_start,
        );
        let budget = self.budget.entry(self.indentation).or_default();
        *budget += result.len();
        if *budget > 1 << 27 {
            self.opts.depth = -1.0;
        }
        Ok(result)
    }

    /// The entries inside an object's braces: its contents, then its own properties.
    pub(super) fn format_entries(
        &mut self,
        object: &Object<'js>,
        contents: Contents<'js>,
        keys: &[Value<'js>],
        entries: Entries,
        recurse_times: usize,
    ) -> Result<Vec<String>> {
        let mut output = match contents {
            Contents::None => Vec::new(),
            Contents::Array => self.format_array(object, recurse_times)?,
            Contents::TypedArray(length) => {
                self.format_typed_array(object, length, recurse_times)?
            }
            Contents::Set(values) => {
                self.format_collection(values, recurse_times, |this, v, r| {
                    this.format_value(&v, r, false)
                })?
            }
            Contents::Map(pairs) => {
                self.format_collection(pairs, recurse_times, |this, (k, v), r| {
                    Ok(format!(
                        "{} => {}",
                        this.format_value(&k, r, false)?,
                        this.format_value(&v, r, false)?
                    ))
                })?
            }
            Contents::ArrayBuffer => vec![self.format_array_buffer(object)],
            Contents::Promise => self.format_promise(object, recurse_times)?,
            Contents::Unknown => vec!["<items unknown>".to_owned()],
            Contents::Namespace(keys) => {
                let mut output = Vec::with_capacity(keys.len());
                for key in &keys {
                    match self.format_property(
                        object,
                        recurse_times,
                        key,
                        PropertyKind::Object,
                        None,
                        None,
                    ) {
                        Ok(entry) => output.push(entry),
                        Err(_) => {
                            // Reading a binding before its module ran throws a ReferenceError.
                            let _ = self.ctx.catch();
                            let name = self.key_name(key, true)?;
                            output.push(format!("{name}: <uninitialized>"));
                        }
                    }
                }
                output
            }
        };
        let kind = if entries == Entries::Array {
            PropertyKind::ArrayExtra
        } else {
            PropertyKind::Object
        };
        for key in keys {
            output.push(self.format_property(object, recurse_times, key, kind, None, None)?);
        }
        Ok(output)
    }

    /// Whether the first `count` elements of `object` are all numbers or bigints, in which case
    /// grouped columns are right-aligned.
    pub(super) fn all_numeric(&self, object: &Object<'js>, count: usize) -> Result<bool> {
        for i in 0..count {
            let value: Value = object.get(i as u32)?;
            if !matches!(value.type_of(), Type::Int | Type::Float | Type::BigInt) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// `value[Symbol.toStringTag]` when it adds information: a non-empty string that is not an
    /// own enumerable property (those print as properties anyway).
    pub(super) fn to_string_tag(&self, object: &Object<'js>) -> Result<String> {
        let key = self.intrinsics.to_string_tag.clone();
        let tag: Value = object.get(key.clone())?;
        if !tag.is_string() {
            return Ok(String::new());
        }
        let tag = engine::lossy_string(&self.ctx, &tag);
        if tag.is_empty() {
            return Ok(tag);
        }
        let hidden = match engine::own_property(&self.ctx, object, &key)? {
            None => true,
            Some(desc) => !self.opts.show_hidden && !desc.enumerable,
        };
        Ok(if hidden { tag } else { String::new() })
    }

    /// Node's `getCtxStyle`: the prefix of an object of an unrecognised kind.
    pub(super) fn ctx_style(
        &self,
        object: &Object<'js>,
        constructor: Option<&str>,
        tag: &str,
    ) -> String {
        let mut fallback = String::new();
        if constructor.is_none() {
            fallback = engine::class_name(&self.ctx, object);
            if fallback == tag {
                fallback = "Object".to_owned();
            }
        }
        get_prefix(constructor, tag, &fallback, "")
    }

    /// A JS string for a property name.
    pub(super) fn name(&self, name: &str) -> Result<Value<'js>> {
        Ok(rquickjs::String::from_str(self.ctx.clone(), name)?.into_value())
    }

    /// The own keys of an array or typed array that are not indices.
    pub(super) fn non_index_keys(
        &self,
        object: &Object<'js>,
        filter: KeyFilter,
    ) -> Result<Vec<Value<'js>>> {
        let keys = engine::own_keys(&self.ctx, object, filter)?;
        Ok(keys
            .into_iter()
            .filter(|key| {
                key.is_symbol() || !text::is_array_index(&engine::lossy_string(&self.ctx, key))
            })
            .collect())
    }
}
