//! Compiled modules: validation, compilation, and the import/export/custom-section reflection
//! that `WebAssembly.Module`'s static methods expose.

use std::collections::HashMap;
use std::sync::Arc;

use crate::{Engine, Error, legacy_eh};

/// The kind of an import or export, named as the JS API names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExternKind {
    /// A function.
    Function,
    /// A table.
    Table,
    /// A linear memory.
    Memory,
    /// A global.
    Global,
    /// An exception tag.
    Tag,
}

impl ExternKind {
    /// The name the JS API uses for this kind (`"function"`, `"table"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            ExternKind::Function => "function",
            ExternKind::Table => "table",
            ExternKind::Memory => "memory",
            ExternKind::Global => "global",
            ExternKind::Tag => "tag",
        }
    }

    pub(crate) fn of(ty: &wasmtime::ExternType) -> Self {
        match ty {
            wasmtime::ExternType::Func(_) => ExternKind::Function,
            wasmtime::ExternType::Table(_) => ExternKind::Table,
            wasmtime::ExternType::Memory(_) => ExternKind::Memory,
            wasmtime::ExternType::Global(_) => ExternKind::Global,
            wasmtime::ExternType::Tag(_) => ExternKind::Tag,
        }
    }
}

/// One import a module declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportDesc {
    /// The import's module name.
    pub module: String,
    /// The import's field name.
    pub name: String,
    /// What is imported.
    pub kind: ExternKind,
}

/// One export a module declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportDesc {
    /// The export's name.
    pub name: String,
    /// What is exported.
    pub kind: ExternKind,
}

/// A validated, compiled module (cheap to clone; shareable between stores of one engine).
#[derive(Clone)]
pub struct Module {
    pub(crate) inner: wasmtime::Module,
    /// The original bytes, kept for custom-section reflection (wasmtime does not keep them).
    bytes: Arc<[u8]>,
    /// The function index behind each function export (the JS API names exported functions by it).
    function_exports: Arc<HashMap<String, u32>>,
    /// Whether its code can allocate in the GC heap (see [`Module::allocates_gc`]).
    allocates_gc: bool,
}

impl Module {
    /// Validates and compiles `bytes`.
    ///
    /// # Errors
    /// [`Error::Compile`] with the validator's message and byte offset if `bytes` is not a valid
    /// module for baton's feature set.
    /// A module that uses legacy exception handling is translated to the standard form first
    /// (see [`legacy_eh`](crate::legacy_eh)); other modules are compiled as they are.
    pub fn new(engine: &Engine, bytes: &[u8]) -> Result<Self, Error> {
        let inner = match wasmtime::Module::new(&engine.inner, bytes) {
            Ok(inner) => inner,
            Err(e) => match legacy_eh::translate(bytes) {
                // Only a bug in the translation can fail here; say where the message comes from.
                Ok(Some(translated)) => {
                    wasmtime::Module::new(&engine.inner, &translated).map_err(|e| {
                        Error::Compile(format!(
                            "{} (after translating legacy exception handling)",
                            compile_error(e)
                        ))
                    })?
                }
                Ok(None) => return Err(compile_error(e)),
                Err(message) => return Err(invalid(&message)),
            },
        };
        let (function_exports, allocates_gc) = reflect(bytes);
        Ok(Module {
            inner,
            bytes: bytes.into(),
            function_exports: Arc::new(function_exports),
            allocates_gc,
        })
    }

    /// Whether the module's code can allocate in the GC heap, so that instantiating it may lead
    /// to garbage collections: it defines or imports a tag (`throw` allocates an exception), or
    /// defines a struct or array type. (An externref comes from the host, which allocates it.)
    pub fn allocates_gc(&self) -> bool {
        self.allocates_gc
    }

    /// Whether `bytes` is a valid module for baton's feature set.
    pub fn validate(engine: &Engine, bytes: &[u8]) -> bool {
        wasmtime::Module::validate(&engine.inner, bytes).is_ok()
            || matches!(legacy_eh::translate(bytes), Ok(Some(translated))
                if wasmtime::Module::validate(&engine.inner, &translated).is_ok())
    }

    /// The module's imports, in declaration order.
    pub fn imports(&self) -> Vec<ImportDesc> {
        self.inner
            .imports()
            .map(|i| ImportDesc {
                module: i.module().to_owned(),
                name: i.name().to_owned(),
                kind: ExternKind::of(&i.ty()),
            })
            .collect()
    }

    /// The module's exports, in declaration order.
    pub fn exports(&self) -> Vec<ExportDesc> {
        self.inner
            .exports()
            .map(|e| ExportDesc {
                name: e.name().to_owned(),
                kind: ExternKind::of(&e.ty()),
            })
            .collect()
    }

    /// The contents of every custom section called `name`, in order.
    pub fn custom_sections(&self, name: &str) -> Vec<Vec<u8>> {
        let mut sections = Vec::new();
        for payload in wasmparser::Parser::new(0).parse_all(&self.bytes) {
            // The module was validated, so parsing cannot fail; stop quietly if it somehow does.
            let Ok(payload) = payload else { break };
            if let wasmparser::Payload::CustomSection(section) = payload
                && section.name() == name
            {
                sections.push(section.data().to_vec());
            }
        }
        sections
    }

    /// The function index of the function exported as `name`.
    pub fn function_index(&self, name: &str) -> Option<u32> {
        self.function_exports.get(name).copied()
    }

    /// The wasmtime module underneath.
    pub fn wasmtime(&self) -> &wasmtime::Module {
        &self.inner
    }
}

/// What [`Module`] keeps from the sections before the code of a valid module, in one pass: the
/// function index behind each function export, and whether its code can allocate in the GC heap
/// (see [`Module::allocates_gc`]).
fn reflect(bytes: &[u8]) -> (HashMap<String, u32>, bool) {
    use wasmparser::{CompositeInnerType, ExternalKind, Payload, TypeRef};
    let mut exports = HashMap::new();
    let mut allocates_gc = false;
    for payload in wasmparser::Parser::new(0).parse_all(bytes) {
        match payload {
            Ok(Payload::TagSection(_)) => allocates_gc = true,
            Ok(Payload::ImportSection(imports)) => {
                allocates_gc |= imports
                    .into_imports()
                    .flatten()
                    .any(|import| matches!(import.ty, TypeRef::Tag(_)));
            }
            Ok(Payload::TypeSection(types)) => {
                allocates_gc |= types.into_iter().flatten().any(|group| {
                    group.types().any(|ty| {
                        matches!(
                            ty.composite_type.inner,
                            CompositeInnerType::Struct(_) | CompositeInnerType::Array(_)
                        )
                    })
                });
            }
            Ok(Payload::ExportSection(section)) => {
                for export in section.into_iter().flatten() {
                    if export.kind == ExternalKind::Func {
                        exports.insert(export.name.to_owned(), export.index);
                    }
                }
            }
            // Every section these come from precedes the code.
            Ok(Payload::CodeSectionStart { .. }) | Err(_) => break,
            _ => {}
        }
    }
    (exports, allocates_gc)
}

fn compile_error(e: wasmtime::Error) -> Error {
    // wasmtime's chain reads "failed to parse WebAssembly module: <validator message (at offset
    // 0x..)>"; the last cause carries the useful part.
    let message = e
        .chain()
        .last()
        .map(ToString::to_string)
        .unwrap_or_else(|| e.to_string());
    invalid(&message)
}

fn invalid(message: &str) -> Error {
    // Some validator messages embed multi-line debug output; keep the message on one line.
    let message = message.split_whitespace().collect::<Vec<_>>().join(" ");
    Error::Compile(format!("invalid module: {message}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine() -> Engine {
        Engine::new(&crate::EngineConfig::default()).unwrap()
    }

    #[test]
    fn knows_which_modules_can_allocate_in_the_gc_heap() {
        let allocates = |wat: &str| {
            let bytes = wat::parse_str(wat).unwrap();
            Module::new(&engine(), &bytes).unwrap().allocates_gc()
        };
        // Plain code, and references that only come from the host, cannot allocate.
        assert!(!allocates(
            r#"(module (import "js" "f" (func (param externref))) (table 1 funcref)
                 (func (export "run") (param i32) (result i32) (local.get 0)))"#
        ));
        // A defined or imported tag (code can throw), a struct or an array type can.
        assert!(allocates("(module (tag (param i32)))"));
        assert!(allocates(r#"(module (import "js" "t" (tag)))"#));
        assert!(allocates("(module (type (struct (field i32))))"));
        assert!(allocates("(module (type (array i8)))"));
    }

    #[test]
    fn reflects_imports_exports_and_custom_sections() {
        let bytes = wat::parse_str(
            r#"(module
                 (import "env" "f" (func))
                 (import "env" "m" (memory 1))
                 (global (export "g") i32 (i32.const 1))
                 (func (export "run"))
                 (@custom "meta" "abc")
                 (@custom "meta" "de"))"#,
        )
        .unwrap();
        let module = Module::new(&engine(), &bytes).unwrap();
        let kinds: Vec<_> = module
            .imports()
            .iter()
            .map(|i| (i.name.clone(), i.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("f".into(), ExternKind::Function),
                ("m".into(), ExternKind::Memory)
            ]
        );
        let exports: Vec<_> = module.exports().iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(exports, ["global", "function"]);
        assert_eq!(
            module.custom_sections("meta"),
            [b"abc".to_vec(), b"de".to_vec()]
        );
        assert!(module.custom_sections("none").is_empty());
        assert_eq!(module.function_index("run"), Some(1));
        assert_eq!(module.function_index("g"), None);
    }

    #[test]
    fn invalid_bytes_give_a_compile_error_with_an_offset() {
        let err = Module::new(&engine(), b"\0asm\x01\0\0\0\x01")
            .err()
            .unwrap();
        let Error::Compile(message) = err else {
            panic!("not a compile error")
        };
        assert!(message.contains("offset"), "{message}");
        assert!(!Module::validate(&engine(), b"nonsense"));
    }
}
