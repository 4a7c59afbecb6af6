//! A load run's per-interaction results as a Parquet file (`planwright load run
//! --interactions FILE.parquet`), for DuckDB, Polars or pandas: one row per interaction, written
//! a row group at a time as the day goes on (memory stays bounded), through a temp file renamed
//! into place when the day is done.

use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use planwright_sim::load::InteractionResult;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const SCHEMA: &str = "
message interaction {
  required int64 index;
  required binary plan (STRING);
  required int64 start (TIMESTAMP(MILLIS,true));
  required int64 end (TIMESTAMP(MILLIS,true));
  required double duration_s;
  optional binary outcome (STRING);
  optional binary interaction_end (STRING);
  required binary run_end (STRING);
  required int32 queues_entered;
  optional binary queue_verdict (STRING);
  optional double queue_wait_s;
  required binary queues (STRING);
}";

/// Rows per row group.
const GROUP: usize = 65_536;

#[derive(Default)]
struct Columns {
    index: Vec<i64>,
    plan: Vec<ByteArray>,
    start: Vec<i64>,
    end: Vec<i64>,
    duration_s: Vec<f64>,
    outcome: (Vec<ByteArray>, Vec<i16>),
    interaction_end: (Vec<ByteArray>, Vec<i16>),
    run_end: Vec<ByteArray>,
    queues_entered: Vec<i32>,
    verdict: (Vec<ByteArray>, Vec<i16>),
    wait: (Vec<f64>, Vec<i16>),
    queues: Vec<ByteArray>,
}

fn optional<T>(col: &mut (Vec<T>, Vec<i16>), v: Option<T>) {
    match v {
        Some(v) => {
            col.0.push(v);
            col.1.push(1);
        }
        None => col.1.push(0),
    }
}

pub struct ParquetRows {
    path: PathBuf,
    tmp: PathBuf,
    writer: Option<SerializedFileWriter<File>>,
    cols: Columns,
    rows: usize,
}

impl ParquetRows {
    pub fn create(path: &Path) -> Result<ParquetRows, String> {
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "interactions.parquet".into());
        let tmp = dir.join(format!("{}{}-{name}", planwright::plan_file::TEMP_PREFIX, std::process::id()));
        let schema = Arc::new(parse_message_type(SCHEMA).map_err(|e| e.to_string())?);
        let file = File::create(&tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;
        let writer = SerializedFileWriter::new(file, schema, Arc::new(WriterProperties::builder().set_created_by("planwright".into()).build())).map_err(|e| e.to_string())?;
        Ok(ParquetRows { path: path.to_path_buf(), tmp, writer: Some(writer), cols: Columns::default(), rows: 0 })
    }

    pub fn push(&mut self, r: &InteractionResult) -> Result<(), String> {
        let c = &mut self.cols;
        c.index.push(r.index as i64);
        c.plan.push(ByteArray::from(r.plan));
        c.start.push(r.start_ms);
        c.end.push(r.end_ms);
        c.duration_s.push((r.end_ms - r.start_ms) as f64 / 1000.0);
        optional(&mut c.outcome, r.outcome.map(ByteArray::from));
        optional(&mut c.interaction_end, r.interaction_end.map(ByteArray::from));
        c.run_end.push(ByteArray::from(r.run_end));
        c.queues_entered.push(r.queues.len() as i32);
        optional(&mut c.verdict, r.queues.first().map(|q| ByteArray::from(q.verdict.code())));
        optional(&mut c.wait, r.queues.first().map(|q| q.wait_ms as f64 / 1000.0));
        let all: Vec<String> = r.queues.iter().map(|q| format!("{}:{:.1}", q.verdict.code(), q.wait_ms as f64 / 1000.0)).collect();
        c.queues.push(ByteArray::from(all.join(" ").into_bytes()));
        self.rows += 1;
        if self.cols.index.len() >= GROUP {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), String> {
        if self.cols.index.is_empty() {
            return Ok(());
        }
        let c = std::mem::take(&mut self.cols);
        let w = self.writer.as_mut().expect("open until finished");
        let e = |e: parquet::errors::ParquetError| e.to_string();
        let mut g = w.next_row_group().map_err(e)?;
        macro_rules! column {
            ($ty:ty, $values:expr, $defs:expr) => {{
                let mut col = g.next_column().map_err(e)?.expect("a column of the schema");
                col.typed::<$ty>().write_batch($values, $defs, None).map_err(e)?;
                col.close().map_err(e)?;
            }};
        }
        column!(Int64Type, &c.index, None);
        column!(ByteArrayType, &c.plan, None);
        column!(Int64Type, &c.start, None);
        column!(Int64Type, &c.end, None);
        column!(DoubleType, &c.duration_s, None);
        column!(ByteArrayType, &c.outcome.0, Some(&c.outcome.1));
        column!(ByteArrayType, &c.interaction_end.0, Some(&c.interaction_end.1));
        column!(ByteArrayType, &c.run_end, None);
        column!(Int32Type, &c.queues_entered, None);
        column!(ByteArrayType, &c.verdict.0, Some(&c.verdict.1));
        column!(DoubleType, &c.wait.0, Some(&c.wait.1));
        column!(ByteArrayType, &c.queues, None);
        g.close().map_err(e)?;
        Ok(())
    }

    /// Writes the last row group and the footer, syncs, and renames the file into place.
    pub fn finish(mut self) -> Result<usize, String> {
        let result = (|| {
            self.flush()?;
            let file = self.writer.take().expect("open until finished").into_inner().map_err(|e| e.to_string())?;
            file.sync_all().map_err(|e| e.to_string())?;
            std::fs::rename(&self.tmp, &self.path).map_err(|e| format!("{}: {e}", self.path.display()))
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&self.tmp);
        }
        result.map(|()| self.rows)
    }
}

impl Drop for ParquetRows {
    fn drop(&mut self) {
        // A run that stopped before finish() leaves no half-written file behind.
        if self.writer.is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}
