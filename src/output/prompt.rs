//! The one yes-or-no question phananh asks on a terminal (standard error, keys read from
//! it): the desk's "Khẩn cấp?" (`triage`) and the confirmation before a final step that
//! cannot be undone (`duplicate`, `mark --state-secret`). Drawn and read here so that both
//! ask alike; what a key answers is [`Answering`]'s, which needs no terminal. The words are
//! `output::triage`'s ([`super::triage::yes_no_keys`] and its neighbours).

use console::{Key, Term, measure_text_width};

use super::triage::{desk_text, width, yes_no, yes_no_hint, yes_no_keys};
use crate::i18n::Lang;

/// The keys that answer a yes or no at the desk (`output::triage::yes_no_key`: c, y, 1 or
/// k, n, 0), or, before a step that cannot be undone, [`final_step_key`].
pub type Keys = fn(char) -> Option<bool>;

/// The keys that answer the question before a final step: only c (có) or y says yes; k or n
/// says no. A 1 typed out of the habit of numbering reports is no answer.
pub fn final_step_key(key: char) -> Option<bool> {
    match key.to_ascii_lowercase() {
        'c' | 'y' => Some(true),
        'k' | 'n' => Some(false),
        _ => None,
    }
}

/// What a key did to the question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pressed {
    /// Still asking (an answer so far, or a key that answers nothing).
    Waiting,
    /// Enter: the answer shown.
    Answered(bool),
    /// Esc, q, Ctrl-D or Ctrl-C: left without an answer.
    Left,
}

/// A yes or no being answered: a key sets the answer, Enter gives it (a key typed out of
/// habit, `n⏎`, must not carry over to the next question), Enter alone gives the default.
#[derive(Debug, Clone, Copy)]
pub struct Answering {
    pub answer: bool,
    /// The last key answered nothing: said beside the question.
    pub stray: bool,
    keys: Keys,
}

impl Answering {
    pub fn new(default: bool, keys: Keys) -> Answering {
        Answering {
            answer: default,
            stray: false,
            keys,
        }
    }

    pub fn press(&mut self, key: &Key) -> Pressed {
        match key {
            Key::Enter => Pressed::Answered(self.answer),
            // Ctrl-D is how a terminal says "no more input": never a yes.
            Key::Escape | Key::CtrlC | Key::Char('q' | '\u{4}') => Pressed::Left,
            Key::Char(c) => {
                match (self.keys)(*c) {
                    Some(yes) => {
                        self.answer = yes;
                        self.stray = false;
                    }
                    None => self.stray = true,
                }
                Pressed::Waiting
            }
            _ => Pressed::Waiting,
        }
    }
}

/// The question as drawn: `prompt`, the keys with the answer so far in capitals, and after
/// a stray key the hint, shortened when the whole would not fit one row of `columns` (the
/// line is redrawn in place, which a wrapped line defeats).
fn drawn(prompt: &str, now: &Answering, columns: u16, l: Lang) -> String {
    let mut asked = format!("{prompt} {} ", yes_no_keys(now.answer, l))
        .trim_start()
        .to_owned();
    if now.stray {
        let long = yes_no_hint(l);
        let fits = measure_text_width(&asked) + measure_text_width(long) < usize::from(columns);
        asked.push_str(if fits {
            long
        } else {
            l.pick("← c/k", "← y/n")
        });
    }
    asked
}

/// Asks `prompt` on `term` until Enter (the answer) or Esc, q, Ctrl-D (None); `default` is
/// what Enter alone answers, `keys` what each key means. The answer is echoed wrapped like
/// the desk's other lines. Ctrl-C comes back as an interrupted read where a handler is
/// installed (`triage`, the final steps), else ends the process as anywhere.
pub fn yes_or_no(
    term: &Term,
    prompt: &str,
    default: bool,
    keys: Keys,
    l: Lang,
) -> std::io::Result<Option<bool>> {
    let mut now = Answering::new(default, keys);
    let columns = width();
    // A question too long for one row with its keys is written once, wrapped, and only the
    // keys are redrawn under it: a line the terminal wrapped would be cleared a row short.
    let prompt = if measure_text_width(prompt) + 14 >= usize::from(columns) {
        term.write_line(&desk_text(prompt, columns))?;
        ""
    } else {
        prompt
    };
    term.hide_cursor()?;
    let answer = loop {
        term.clear_line()?;
        term.write_str(&drawn(prompt, &now, columns, l))?;
        term.flush()?;
        let key = match term.read_key() {
            Ok(key) => key,
            Err(e) => {
                let _ = term.clear_line();
                let _ = term.show_cursor();
                return Err(e);
            }
        };
        match now.press(&key) {
            Pressed::Waiting => {}
            Pressed::Answered(yes) => break yes,
            Pressed::Left => {
                term.clear_line()?;
                term.show_cursor()?;
                return Ok(None);
            }
        }
    };
    term.clear_line()?;
    let echoed = format!("{prompt} {}", yes_no(answer, l));
    term.write_line(&desk_text(echoed.trim_start(), columns))?;
    term.show_cursor()?;
    Ok(Some(answer))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::triage::yes_no_key;

    fn answered(default: bool, keys: Keys, typed: &[Key]) -> Pressed {
        let mut now = Answering::new(default, keys);
        typed
            .iter()
            .map(|key| now.press(key))
            .find(|pressed| *pressed != Pressed::Waiting)
            .unwrap_or(Pressed::Waiting)
    }

    #[test]
    fn only_c_or_y_then_enter_goes_on_with_a_final_step() {
        let no = Pressed::Answered(false);
        let yes = Pressed::Answered(true);
        let k = final_step_key;
        assert_eq!(answered(false, k, &[Key::Enter]), no);
        assert_eq!(answered(false, k, &[Key::Char('k'), Key::Enter]), no);
        assert_eq!(answered(false, k, &[Key::Char('N'), Key::Enter]), no);
        assert_eq!(answered(false, k, &[Key::Char('1'), Key::Enter]), no);
        assert_eq!(answered(false, k, &[Key::Char('x'), Key::Enter]), no);
        assert_eq!(answered(false, k, &[Key::Char('\u{4}')]), Pressed::Left);
        assert_eq!(answered(false, k, &[Key::CtrlC]), Pressed::Left);
        assert_eq!(answered(false, k, &[Key::Escape]), Pressed::Left);
        // A yes alone asks for its Enter; then it goes on.
        assert_eq!(answered(false, k, &[Key::Char('c')]), Pressed::Waiting);
        assert_eq!(answered(false, k, &[Key::Char('c'), Key::Enter]), yes);
        assert_eq!(answered(false, k, &[Key::Char('Y'), Key::Enter]), yes);
        // The last answer before Enter counts.
        assert_eq!(
            answered(false, k, &[Key::Char('c'), Key::Char('k'), Key::Enter]),
            no
        );
        // A stray key after a yes keeps the yes shown, and says so.
        let mut now = Answering::new(false, k);
        now.press(&Key::Char('c'));
        now.press(&Key::Char('1'));
        assert!(now.answer && now.stray);
    }

    #[test]
    fn the_desk_takes_its_digits_and_keeps_its_default_on_enter() {
        let k = yes_no_key;
        assert_eq!(answered(true, k, &[Key::Enter]), Pressed::Answered(true));
        assert_eq!(
            answered(true, k, &[Key::Char('0'), Key::Enter]),
            Pressed::Answered(false)
        );
        assert_eq!(
            answered(false, k, &[Key::Char('1'), Key::Enter]),
            Pressed::Answered(true)
        );
        assert_eq!(answered(true, k, &[Key::Char('q')]), Pressed::Left);
    }

    #[test]
    fn the_question_keeps_to_one_row_after_a_stray_key() {
        let prompt = "Gộp phản ánh 1234 vào phản ánh 1235? Không thể hoàn tác.";
        let mut now = Answering::new(false, final_step_key);
        now.press(&Key::Char('x'));
        let asked = drawn(prompt, &now, 80, Lang::Vi);
        assert!(measure_text_width(&asked) < 80, "{asked}");
        assert!(asked.contains("[c/K]") && asked.contains("c/k"), "{asked}");
        let wide = drawn("Khẩn cấp? (c/k rồi Enter)", &now, 80, Lang::Vi);
        assert!(wide.ends_with(yes_no_hint(Lang::Vi)), "{wide}");
    }
}
