//! Identity of wasmtime's table and global handles.
//!
//! The JS API requires that the same Wasm table or global is always the same JS object (an
//! imported `WebAssembly.Table` re-exported by an instance is the very object that was imported).
//! wasmtime handles are plain `Copy` values without a public identity; their layout, however, is
//! fixed by wasmtime's C API (`wasmtime_table_t`, `wasmtime_global_t`), and handles to the same
//! item are bitwise equal. These keys read that documented layout; the size checks below fail the
//! build if a wasmtime upgrade changes it.

use std::mem::size_of;

/// A key equal for handles to the same table or global of a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ExternKey(u64, u32, u32, u32);

#[repr(C)]
#[derive(Clone, Copy)]
struct TableStoreInstance(u64, u32);

/// `wasmtime_table_t`: `{ { uint64_t store_id; uint32_t __private1; }; uint32_t __private2; }`.
#[repr(C)]
#[derive(Clone, Copy)]
struct RawTable(TableStoreInstance, u32);

/// `wasmtime_global_t`: `{ uint64_t store_id; uint32_t __private1, __private2, __private3; }`.
#[repr(C)]
#[derive(Clone, Copy)]
struct RawGlobal(u64, u32, u32, u32);

const _: () = assert!(size_of::<RawTable>() == size_of::<wasmtime::Table>());
const _: () = assert!(size_of::<RawGlobal>() == size_of::<wasmtime::Global>());

/// The identity of `table`.
pub fn table_key(table: &wasmtime::Table) -> ExternKey {
    // SAFETY: `wasmtime::Table` is `repr(C)` with exactly this layout (asserted above in size and
    // asserted by wasmtime against its C header); every field read is initialised.
    let raw: RawTable = unsafe { std::mem::transmute_copy(table) };
    ExternKey(raw.0.0, raw.0.1, raw.1, 0)
}

/// The identity of `global`.
pub fn global_key(global: &wasmtime::Global) -> ExternKey {
    // SAFETY: as in `table_key`; the last two fields are a `repr(C, u32)` enum whose variants all
    // carry a `u32`, so every byte read is initialised.
    let raw: RawGlobal = unsafe { std::mem::transmute_copy(global) };
    ExternKey(raw.0, raw.1, raw.2, raw.3 | 0x8000_0000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasmtime::{
        Engine, Global, GlobalType, Instance, Module, Mutability, Ref, Store, Table, TableType,
        Val, ValType,
    };

    #[test]
    fn the_same_item_has_the_same_key_and_different_items_differ() {
        let engine = Engine::default();
        let mut store = Store::new(&engine, ());
        let t1 = Table::new(
            &mut store,
            TableType::new(wasmtime::RefType::FUNCREF, 1, None),
            Ref::Func(None),
        )
        .unwrap();
        let t2 = Table::new(
            &mut store,
            TableType::new(wasmtime::RefType::FUNCREF, 1, None),
            Ref::Func(None),
        )
        .unwrap();
        let g1 = Global::new(
            &mut store,
            GlobalType::new(ValType::I32, Mutability::Var),
            Val::I32(1),
        )
        .unwrap();
        let g2 = Global::new(
            &mut store,
            GlobalType::new(ValType::I32, Mutability::Var),
            Val::I32(1),
        )
        .unwrap();
        assert_ne!(table_key(&t1), table_key(&t2));
        assert_ne!(global_key(&g1), global_key(&g2));

        // Re-exported imports come back as the same handles.
        let wat = r#"(module (import "" "t" (table 1 funcref)) (import "" "g" (global (mut i32)))
                             (export "t" (table 0)) (export "g" (global 0)))"#;
        let module = Module::new(&engine, wat::parse_str(wat).unwrap()).unwrap();
        let instance = Instance::new(&mut store, &module, &[t1.into(), g1.into()]).unwrap();
        let t = instance.get_table(&mut store, "t").unwrap();
        let g = instance.get_global(&mut store, "g").unwrap();
        assert_eq!(table_key(&t), table_key(&t1));
        assert_eq!(global_key(&g), global_key(&g1));
    }
}
