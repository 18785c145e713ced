//! `WebAssembly.Instance`: instantiation, the spec's "read the imports", and the exports object.

use baton_wasm::wasmtime::{Extern, ExternType, GlobalType, Mutability, RootScope};
use baton_wasm::{AdaptedImport, ExternKind, global_key, table_key};
use rquickjs::class::Trace;
use rquickjs::function::{Opt, This};
use rquickjs::{Class, Ctx, Exception, JsLifetime, Object, Result, Value};

use crate::global::Global;
use crate::memory::{Memory, MemoryHandle};
use crate::module::Module;
use crate::promising::Activation;
use crate::state::{self, ObjectKey, WasmState};
use crate::suspending::Suspending;
use crate::table::Table;
use crate::webidl::{brand, require_new};
use crate::{convert, errors};

/// `WebAssembly.Instance`.
#[derive(Trace, JsLifetime)]
#[rquickjs::class(rename = "Instance")]
pub struct Instance<'js> {
    exports: Object<'js>,
}

#[rquickjs::methods]
impl<'js> Instance<'js> {
    /// `new WebAssembly.Instance(module, importObject)`: instantiates synchronously.
    #[qjs(constructor)]
    fn new(
        ctx: Ctx<'js>,
        this: This<Value<'js>>,
        module: Opt<Value<'js>>,
        imports: Opt<Value<'js>>,
    ) -> Result<Self> {
        require_new(&ctx, &this.0, "Instance")?;
        let module = module
            .0
            .unwrap_or_else(|| Value::new_undefined(ctx.clone()));
        let module = brand::<Module>(&ctx, &module, "WebAssembly.Instance(): Argument 0")?;
        let module = module.borrow().module.clone();
        instantiate(&ctx, &module, imports.0)
    }

    /// `instance.exports`: a frozen, null-prototype object of the instance's exports.
    #[qjs(get, enumerable, configurable)]
    fn exports(&self) -> Object<'js> {
        self.exports.clone()
    }
}

/// Instantiates `module` with `imports` (the JS import object); the core of the constructor and
/// of `WebAssembly.instantiate`.
pub(crate) fn instantiate<'js>(
    ctx: &Ctx<'js>,
    module: &baton_wasm::Module,
    imports: Option<Value<'js>>,
) -> Result<Instance<'js>> {
    let state = state::get(ctx);
    let externs = read_imports(ctx, &state, module, imports)?;
    state.jspi.push(Activation::Start);
    let instance = state.store.instantiate(module, &externs);
    state.jspi.pop();
    state.refresh_buffers(ctx, false);
    let instance = instance
        .map_err(|e| match e {
            baton_wasm::Error::Link(m) => {
                baton_wasm::Error::Link(format!("WebAssembly.Instance(): {m}"))
            }
            other => other,
        })
        .map_err(|e| errors::throw(ctx, &state, e))?;

    let exports = Object::new_proto(ctx.clone(), None)?;
    let items: Vec<(String, Extern)> = state.store.with(|mut cx| {
        module
            .exports()
            .into_iter()
            .filter_map(|e| instance.get_export(&mut cx, &e.name).map(|x| (e.name, x)))
            .collect()
    });
    for (name, item) in items {
        let value = export_value(ctx, &state, module, &name, item)?;
        exports.set(name.as_str(), value)?;
    }
    let freeze: rquickjs::Function = ctx.globals().get::<_, Object>("Object")?.get("freeze")?;
    freeze.call::<_, Value>((exports.clone(),))?;
    Ok(Instance { exports })
}

/// The JS value of one export.
fn export_value<'js>(
    ctx: &Ctx<'js>,
    state: &std::rc::Rc<WasmState>,
    module: &baton_wasm::Module,
    name: &str,
    item: Extern,
) -> Result<Value<'js>> {
    Ok(match item {
        Extern::Func(func) => {
            convert::function_object(ctx, state, func, module.function_index(name), Some(name))?
                .into_value()
        }
        Extern::Memory(memory) => memory_value(ctx, state, MemoryHandle::Plain(memory))?,
        Extern::SharedMemory(memory) => memory_value(ctx, state, MemoryHandle::Shared(memory))?,
        Extern::Table(table) => {
            extern_value(ctx, state, ObjectKey::Other(table_key(&table)), || {
                Ok(Class::instance(ctx.clone(), Table { table })?.into_value())
            })?
        }
        Extern::Global(global) => {
            extern_value(ctx, state, ObjectKey::Other(global_key(&global)), || {
                Ok(Class::instance(ctx.clone(), Global { global })?.into_value())
            })?
        }
        Extern::Tag(tag) => crate::tag::tag_object(ctx, state, tag)?,
    })
}

/// The one JS object for the memory, table or global `key`: the object it was imported as or
/// first exported as, or a new one made by `make`.
fn extern_value<'js>(
    ctx: &Ctx<'js>,
    state: &WasmState,
    key: ObjectKey,
    make: impl FnOnce() -> Result<Value<'js>>,
) -> Result<Value<'js>> {
    if let Some(object) = state.extern_object(ctx, key) {
        return Ok(object);
    }
    let object = make()?;
    state.set_extern_object(ctx, key, object.clone());
    Ok(object)
}

fn memory_value<'js>(
    ctx: &Ctx<'js>,
    state: &WasmState,
    handle: MemoryHandle,
) -> Result<Value<'js>> {
    let key = ObjectKey::Memory(handle.data(state).0 as usize);
    extern_value(ctx, state, key, || {
        Ok(Class::instance(ctx.clone(), Memory { handle })?.into_value())
    })
}

/// The spec's "read the imports": one extern per import of `module`, in order.
fn read_imports<'js>(
    ctx: &Ctx<'js>,
    state: &WasmState,
    module: &baton_wasm::Module,
    imports: Option<Value<'js>>,
) -> Result<Vec<Extern>> {
    let declared = module.imports();
    let import_object = match imports {
        Some(v) if !v.is_undefined() => match v.into_object() {
            Some(o) => Some(o),
            None => {
                return Err(Exception::throw_type(
                    ctx,
                    "WebAssembly.Instance(): Argument 1 must be an object",
                ));
            }
        },
        _ => None,
    };
    if declared.is_empty() {
        return Ok(Vec::new());
    }
    let Some(import_object) = import_object else {
        return Err(Exception::throw_type(
            ctx,
            "WebAssembly.Instance(): Imports argument must be present and must be an object",
        ));
    };
    let types: Vec<ExternType> = module.wasmtime().imports().map(|i| i.ty()).collect();
    let mut externs = Vec::with_capacity(declared.len());
    // JS function imports are provided by generated adapters (see `baton_wasm::Jspi`).
    let mut adapted: Vec<(usize, AdaptedImport)> = Vec::new();
    for (import, ty) in declared.iter().zip(types) {
        let where_ = format!("import '{}' '{}'", import.module, import.name);
        let namespace: Value = import_object.get(import.module.as_str())?;
        let Some(namespace) = namespace.into_object() else {
            return Err(Exception::throw_type(
                ctx,
                &format!(
                    "WebAssembly.Instance(): {where_}: module '{}' is not an object in the import object",
                    import.module
                ),
            ));
        };
        let value: Value = namespace.get(import.name.as_str())?;
        let link_error = |what: &str| {
            errors::throw_class(
                ctx,
                state,
                "LinkError",
                &format!("WebAssembly.Instance(): {where_}: {what}"),
            )
        };
        let item = match (import.kind, ty) {
            (ExternKind::Function, ExternType::Func(func_ty)) => {
                let suspending = Class::<Suspending>::from_value(&value).ok();
                if let Some(func) = state.func_of(&value) {
                    // Wasm-to-Wasm: link the function itself; wasmtime checks the signature.
                    Extern::Func(func)
                } else if let Some(function) = suspending
                    .map(|s| s.borrow().function.clone())
                    .or_else(|| value.as_function().cloned())
                {
                    let is_suspending = Class::<Suspending>::from_value(&value).is_ok();
                    let name = std::rc::Rc::from(format!("{}.{}", import.module, import.name));
                    let id = state.add_import(ctx, function, func_ty.clone(), is_suspending, name);
                    adapted.push((externs.len(), AdaptedImport { ty: func_ty, id }));
                    // Filled with the adapter below.
                    externs.push(None);
                    continue;
                } else {
                    return Err(link_error("function import requires a callable"));
                }
            }
            (ExternKind::Memory, _) => match Class::<Memory>::from_value(&value) {
                Ok(memory) => {
                    let handle = memory.borrow().handle.clone();
                    state.set_extern_object(
                        ctx,
                        ObjectKey::Memory(handle.data(state).0 as usize),
                        value.clone(),
                    );
                    handle.to_extern()
                }
                Err(_) => {
                    return Err(link_error(
                        "memory import must be a WebAssembly.Memory object",
                    ));
                }
            },
            (ExternKind::Table, _) => match Class::<Table>::from_value(&value) {
                Ok(table) => {
                    let table = table.borrow().table;
                    state.set_extern_object(
                        ctx,
                        ObjectKey::Other(table_key(&table)),
                        value.clone(),
                    );
                    Extern::Table(table)
                }
                Err(_) => return Err(link_error("table import requires a WebAssembly.Table")),
            },
            (ExternKind::Global, ExternType::Global(global_ty)) => {
                if let Ok(global) = Class::<Global>::from_value(&value) {
                    let global = global.borrow().global;
                    state.set_extern_object(
                        ctx,
                        ObjectKey::Other(global_key(&global)),
                        value.clone(),
                    );
                    Extern::Global(global)
                } else {
                    use baton_wasm::wasmtime::ValType;
                    let content = global_ty.content().clone();
                    let fits = match &content {
                        ValType::I64 => value.is_big_int(),
                        ValType::I32 | ValType::F32 | ValType::F64 => value.is_number(),
                        ValType::V128 => false,
                        ValType::Ref(_) => true,
                    };
                    if !fits {
                        return Err(link_error(&format!(
                            "global import of type {content} must be {} or a WebAssembly.Global object",
                            if matches!(content, ValType::I64) {
                                "a BigInt"
                            } else {
                                "a number"
                            }
                        )));
                    }
                    if global_ty.mutability() == Mutability::Var {
                        return Err(link_error(
                            "imported mutable global must be a WebAssembly.Global object",
                        ));
                    }
                    let arg = convert::to_wasm(ctx, state, value, &content)?;
                    let global = state.store.with(|cx| -> std::result::Result<_, String> {
                        let mut scope = RootScope::new(cx);
                        let val = arg.into_val(&mut scope)?;
                        baton_wasm::wasmtime::Global::new(
                            &mut scope,
                            GlobalType::new(content, Mutability::Const),
                            val,
                        )
                        .map_err(|e| e.to_string())
                    });
                    Extern::Global(global.map_err(|e| link_error(&e))?)
                }
            }
            (ExternKind::Tag, _) => match Class::<crate::tag::Tag>::from_value(&value) {
                Ok(tag) => {
                    let tag = tag.borrow().tag;
                    state.set_tag_object(ctx, tag, value.clone());
                    Extern::Tag(tag)
                }
                Err(_) => return Err(link_error("tag import requires a WebAssembly.Tag")),
            },
            _ => return Err(link_error("import kind does not match the module's type")),
        };
        externs.push(Some(item));
    }
    if !adapted.is_empty() {
        let list: Vec<AdaptedImport> = adapted.iter().map(|(_, a)| a.clone()).collect();
        let adapters = state
            .jspi
            .jspi
            .borrow_mut()
            .as_mut()
            .map(|j| j.adapters(&state.store, &list))
            .unwrap_or_else(|| Err(baton_wasm::Error::Engine("JSPI is not available".into())))
            .map_err(|e| errors::throw(ctx, state, e))?;
        for ((position, _), adapter) in adapted.iter().zip(adapters) {
            externs[*position] = Some(Extern::Func(adapter));
        }
    }
    Ok(externs.into_iter().flatten().collect())
}
