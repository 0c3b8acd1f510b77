//! The four UK ICC cookie categories and sets of them.

/// One of the four ICC cookie categories.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// Strictly necessary: always on, never needs consent.
    Necessary,
    /// Performance: analytics and measurement.
    Performance,
    /// Functionality: preferences, chat, embeds that remember choices.
    Functionality,
    /// Targeting: advertising and cross-site tracking.
    Targeting,
}

impl Category {
    /// Every category, in display order.
    pub const ALL: [Category; 4] = [Category::Necessary, Category::Performance, Category::Functionality, Category::Targeting];

    /// The id used in configs, HTML attributes and the consent log.
    pub fn id(self) -> &'static str {
        match self {
            Category::Necessary => "necessary",
            Category::Performance => "performance",
            Category::Functionality => "functionality",
            Category::Targeting => "targeting",
        }
    }

    /// Parses a category id; ids are lower case and exact.
    pub fn from_id(id: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.id() == id)
    }

    /// The bit of this category in a [`CategorySet`].
    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of categories, stored as a bit mask (bit i = `Category::ALL[i]`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct CategorySet(u8);

impl CategorySet {
    /// Mask of the bits that name a category.
    pub const VALID_BITS: u8 = 0b1111;

    /// The empty set.
    pub const fn empty() -> Self {
        CategorySet(0)
    }

    /// Only strictly necessary: what a visitor who rejects everything has.
    pub fn necessary_only() -> Self {
        CategorySet::empty().with(Category::Necessary)
    }

    /// Every category.
    pub fn all() -> Self {
        CategorySet(Self::VALID_BITS)
    }

    /// The set from its bit mask, or `None` if a bit names no category.
    pub fn from_bits(bits: u8) -> Option<Self> {
        (bits & !Self::VALID_BITS == 0).then_some(CategorySet(bits))
    }

    /// The bit mask.
    pub fn bits(self) -> u8 {
        self.0
    }

    /// This set plus `c`.
    pub fn with(self, c: Category) -> Self {
        CategorySet(self.0 | c.bit())
    }

    /// This set minus `c`.
    pub fn without(self, c: Category) -> Self {
        CategorySet(self.0 & !c.bit())
    }

    /// The categories in both sets.
    pub fn intersect(self, other: CategorySet) -> Self {
        CategorySet(self.0 & other.0)
    }

    /// The categories in this set but not in `other`.
    pub fn minus(self, other: CategorySet) -> Self {
        CategorySet(self.0 & !other.0)
    }

    /// Whether `c` is in the set.
    pub fn contains(self, c: Category) -> bool {
        self.0 & c.bit() != 0
    }

    /// The categories in the set, in display order.
    pub fn iter(self) -> impl Iterator<Item = Category> {
        Category::ALL.into_iter().filter(move |c| self.contains(*c))
    }
}

impl FromIterator<Category> for CategorySet {
    fn from_iter<I: IntoIterator<Item = Category>>(iter: I) -> Self {
        iter.into_iter().fold(CategorySet::empty(), CategorySet::with)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for c in Category::ALL {
            assert_eq!(Category::from_id(c.id()), Some(c));
        }
        assert_eq!(Category::from_id("tracking"), None);
        assert_eq!(Category::from_id("Necessary"), None);
    }

    #[test]
    fn set_operations() {
        let s = CategorySet::necessary_only().with(Category::Targeting);
        assert!(s.contains(Category::Necessary) && s.contains(Category::Targeting));
        assert!(!s.contains(Category::Performance));
        assert_eq!(s.without(Category::Targeting), CategorySet::necessary_only());
        assert_eq!(s.iter().collect::<Vec<_>>(), vec![Category::Necessary, Category::Targeting]);
        assert_eq!(CategorySet::from_bits(0b1_0000), None);
        assert_eq!(CategorySet::all().minus(s), CategorySet::empty().with(Category::Performance).with(Category::Functionality));
        assert_eq!(CategorySet::all().intersect(s), s);
        assert_eq!(CategorySet::all().iter().count(), 4);
    }
}
