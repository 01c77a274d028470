//! Checks every guide of `data/guides/` at build time (a broken guide stops
//! the build with an error naming the file and line) and embeds the default
//! data: guides (as JSON), real workshop programmes, places and communes.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("repository root");
    let data = root.join("data");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));

    let guides_dir = data.join("guides");
    println!("cargo:rerun-if-changed={}", guides_dir.display());
    let mut files: Vec<(String, String)> = sorted_files(&guides_dir, "md")
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            println!("cargo:rerun-if-changed={}", path.display());
            (format!("data/guides/{}", path.file_name().unwrap().to_string_lossy()), text)
        })
        .collect();
    files.sort();
    let guides = match proxinum_core::guide::parse_all(files.iter().map(|(n, t)| (n.as_str(), t.as_str()))) {
        Ok(guides) => guides,
        Err(error) => {
            // cargo shows build-script panics with their message: the file and line.
            panic!("\n\nGuide invalide : {error}\n\n");
        }
    };
    std::fs::write(out.join("guides.json"), serde_json::to_string(&guides).unwrap()).unwrap();

    let programmes_dir = data.join("ateliers");
    println!("cargo:rerun-if-changed={}", programmes_dir.display());
    let mut list = String::from("&[\n");
    for path in sorted_files(&programmes_dir, "toml") {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        if let Err(error) = proxinum_core::programme::parse(&format!("data/ateliers/{name}"), &text) {
            panic!("\n\nProgramme invalide : {error}\n\n");
        }
        writeln!(list, "    ({name:?}, include_str!({:?})),", path.display().to_string()).unwrap();
    }
    list.push(']');
    std::fs::write(out.join("programmes.rs"), list).unwrap();
    for file in ["lieux/gers-tarn-et-garonne.json", "communes/communes_france_with_coords.csv"] {
        println!("cargo:rerun-if-changed={}", data.join(file).display());
    }
}

fn sorted_files(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|x| x == extension))
        .collect();
    files.sort();
    files
}
