//! Prints the loader's constants as JSON (see `crumbs::loader_constants`).

fn main() {
    print!("{}", crumbs::loader_constants::loader_constants_json());
}
