// RecordWindow: the newest feature rows and targets a per-model regression refits on, and when to
// refit. Internal to the router module.
#pragma once
#include <cstddef>
#include <deque>
#include <vector>

#include <Eigen/Dense>

namespace ascendgen::router::detail {

class RecordWindow {
 public:
  explicit RecordWindow(size_t capacity) : capacity_(capacity ? capacity : 1) {}

  // Adds one row; returns true when the model should refit: at 1, 2, 4, 8, ... rows and then
  // whenever an eighth of the window is new, so that refits cost O(1) amortised per record.
  bool add(std::vector<double> x, double y) {
    rows_.push_back(std::move(x));
    targets_.push_back(y);
    if (rows_.size() > capacity_) {
      rows_.pop_front();
      targets_.pop_front();
    }
    ++since_fit_;
    const size_t n = rows_.size();
    if ((n & (n - 1)) == 0 || since_fit_ * 8 >= n) {
      since_fit_ = 0;
      return true;
    }
    return false;
  }
  size_t size() const { return rows_.size(); }
  Eigen::MatrixXd rows() const {
    Eigen::MatrixXd x(rows_.size(), rows_.empty() ? 0 : rows_.front().size());
    for (size_t i = 0; i < rows_.size(); ++i)
      x.row(Eigen::Index(i)) = Eigen::Map<const Eigen::RowVectorXd>(rows_[i].data(), Eigen::Index(rows_[i].size()));
    return x;
  }
  Eigen::VectorXd targets() const {
    Eigen::VectorXd y(targets_.size());
    for (size_t i = 0; i < targets_.size(); ++i) y[Eigen::Index(i)] = targets_[i];
    return y;
  }

 private:
  size_t capacity_;
  size_t since_fit_ = 0;
  std::deque<std::vector<double>> rows_;
  std::deque<double> targets_;
};

}  // namespace ascendgen::router::detail
